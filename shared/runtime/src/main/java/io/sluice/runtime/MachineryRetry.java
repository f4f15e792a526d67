package io.sluice.runtime;

import io.sluice.catalogue.JobDefinition;
import io.sluice.envelope.DeadLetterReason;
import io.sluice.topology.Topology;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    private static final Logger LOG = LoggerFactory.getLogger(MachineryRetry.class);
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

    /**
     * The outcome when {@code what} (the job store, the rate limiter) failed for this delivery: back to the queue with
     * the delay of its receive and no attempt spent, or, on the last receive the redrive policy allows,
     * dead-lettered with the error.
     */
    MessageOutcome outcome(Delivery<?> d, String what, RuntimeException e) {
        String error = what + " unavailable on receive " + d.received + " of " + maxReceiveCount + ": "
                + FailureText.summarise(e);
        if (lastReceive(d.received)) {
            LOG.atError().addKeyValue("jobId", d.job.jobId()).log("job {} dead-lettered: {}", d.job.jobId(), error);
            return new MessageOutcome.DeadLetter(DeadLetterReason.RUNTIME_ERROR, error, d.attempt, d.before());
        }
        Duration delay = delayAfter(d.received);
        LOG.atWarn()
                .addKeyValue("jobId", d.job.jobId())
                .log("job {} returns in {} s without spending an attempt: {}", d.job.jobId(), delay.toSeconds(), error);
        return new MessageOutcome.Postponed(delay, error);
    }
}
