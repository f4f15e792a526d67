package io.sluice.job;

/**
 * How a retry delay is randomised. {@link #FULL} is the AWS-recommended "full jitter": the delay is
 * drawn uniformly from zero to the exponential ceiling, which spreads retries of a failing dependency
 * (see the AWS Architecture Blog, "Exponential Backoff And Jitter"). {@link #NONE} waits exactly the
 * ceiling, which is useful when a test or an operator wants predictable delays.
 */
public enum Jitter {
    FULL,
    NONE
}
