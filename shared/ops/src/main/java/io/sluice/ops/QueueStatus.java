package io.sluice.ops;

import io.sluice.job.Priority;
import java.util.List;

/**
 * One priority of a type, as SQS counts it right now (approximate counts, as SQS gives them): messages waiting
 * ({@code visible}), handed to a consumer and not yet deleted ({@code inFlight}), not yet due ({@code delayed}), and
 * in the dead-letter queue; and whether consumption is {@code paused} (no mapping enabled), with each mapping.
 * {@code consumers} is empty where nothing reads the queue. {@code oldestMessageAge} is CloudWatch's latest
 * {@code ApproximateAgeOfOldestMessage} ({@code null} without a datapoint: sluice-local publishes none).
 */
public record QueueStatus(
        Priority priority,
        String queue,
        long visible,
        long inFlight,
        long delayed,
        long deadLettered,
        java.time.Duration oldestMessageAge,
        boolean paused,
        List<ConsumerStatus> consumers) {
    public QueueStatus {
        consumers = List.copyOf(consumers);
    }
}
