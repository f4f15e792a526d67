package io.sluice.infra.jobs;

import software.amazon.awscdk.Duration;

/**
 * Durations as SQS and Lambda take them: whole seconds, rounded up, so a rule such as "visibility at least six function
 * timeouts plus the batching window" still holds when the catalogue gave a window with a fraction of a second.
 */
final class WholeSeconds {
    private WholeSeconds() {}

    static long of(java.time.Duration d) {
        return d.getNano() > 0 ? d.getSeconds() + 1 : d.getSeconds();
    }

    static Duration duration(java.time.Duration d) {
        return Duration.seconds(of(d));
    }
}
