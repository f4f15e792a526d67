package io.sluice.ops;

/**
 * What a cancel did: {@code cancelled} when the job will now never run (a cancellation record its claim refuses,
 * and its one-time schedule deleted if it had one); otherwise the job is running or has ended, and {@code state}
 * says which, when the history knows.
 */
public record CancelResult(String jobId, boolean cancelled, String state) {}
