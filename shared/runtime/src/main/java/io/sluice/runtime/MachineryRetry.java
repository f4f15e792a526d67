package io.sluice.runtime;

import io.sluice.catalogue.JobDefinition;
import io.sluice.topology.Topology;
import java.time.Duration;

/**
 * What the runtime does when its own machinery fails for a message (the job store or the rate limiter throws): the
 * job is not at fault, so no attempt is spent and the type's backoff does not apply. The message goes back with a
 * delay that doubles with each receive, from {@link #FIRST} to {@link #LONGEST}, so an outage of a minute or two
 * is ridden out in a few receives and a long one costs few requests; about 36 minutes in all before the budget ends.
 * The budget is the queue's redrive policy ({@link Topology#maxReceiveCount}): on the last receive SQS allows, the
 * runtime dead-letters the job itself with reason {@code runtime-error} and the last error, so the job never
 * reaches the dead-letter queue through SQS's redrive without a reason.
 *
 * @param maxReceiveCount the queue's redrive threshold
 */
record MachineryRetry(int maxReceiveCount) {
    static final Duration FIRST = Duration.ofSeconds(5);
    static final Duration LONGEST = Duration.ofMinutes(15);

    static MachineryRetry of(JobDefinition definition) {
        return new MachineryRetry(Topology.maxReceiveCount(definition));
    }

    /** Whether this receive is the last one SQS delivers before its redrive moves the message. */
    boolean lastReceive(int received) {
        return received >= maxReceiveCount;
    }

    /** The delay after the {@code received}-th receive failed: 5 s, 10 s, 20 s, ... at most 15 minutes. */
    Duration delayAfter(int received) {
        int doublings = Math.max(0, Math.min(received - 1, 20));
        Duration delay = FIRST.multipliedBy(1L << doublings);
        return delay.compareTo(LONGEST) > 0 ? LONGEST : delay;
    }
}
