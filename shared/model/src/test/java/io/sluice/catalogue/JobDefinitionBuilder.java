package io.sluice.catalogue;

import io.sluice.job.Jitter;
import io.sluice.job.Priority;
import java.time.Duration;

/** {@link JobDefinition}s for tests, starting from the {@code @Job} defaults. */
public final class JobDefinitionBuilder {
    private JobDefinitionBuilder() {}

    /** A definition of {@code type} with the {@code @Job} defaults and test handler and payload classes. */
    public static JobDefinition.Builder job(String type) {
        return JobDefinition.builder()
                .type(type)
                .handlerClass("io.sluice.test.TestJob")
                .payloadClass("io.sluice.test.TestPayload")
                .priorities(Priority.NORMAL)
                .maxAttempts(5)
                .backoff(new RetryPolicy(Duration.ofSeconds(10), 2.0, Duration.ofMinutes(15), Jitter.FULL))
                .timeout(Duration.ofSeconds(30))
                .memoryMb(512)
                .concurrency(10)
                .batchSize(10)
                .maxBatchingWindow(Duration.ZERO);
    }
}
