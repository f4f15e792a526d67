package io.sluice.ops;

import io.sluice.job.Priority;

/** One priority of a job type: its queue and its dead-letter queue, by name, URL and ARN. */
public record QueuePair(
        String type,
        Priority priority,
        String name,
        String url,
        String arn,
        String deadLetterName,
        String deadLetterUrl,
        String deadLetterArn) {}
