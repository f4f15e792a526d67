package io.sluice.infra.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.catalogue.Catalogue;
import io.sluice.catalogue.JobDefinition;
import io.sluice.catalogue.JobDefinitionBuilder;
import io.sluice.catalogue.RateLimitSpec;
import io.sluice.catalogue.RetryPolicy;
import io.sluice.job.Jitter;
import io.sluice.topology.JobTopology;
import io.sluice.topology.Topology;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlarmThresholdsTest {
    static JobTopology job(int maxAttempts, Duration initialBackoff, Duration timeout) {
        JobDefinition d = JobDefinitionBuilder.job("t")
                .handlerClass("x.H")
                .payloadClass("x.P")
                .maxAttempts(maxAttempts)
                .backoff(new RetryPolicy(initialBackoff, 2.0, Duration.ofHours(6), Jitter.FULL))
                .timeout(timeout)
                .concurrency(4)
                .batchSize(1)
                .build();
        return Topology.derive("sluice", new Catalogue(List.of(d))).job("t");
    }

    @Test
    void aQuickTypeGetsTheFifteenMinuteFloor() {
        assertEquals(
                new AlarmThresholds(Duration.ofMinutes(15), 10),
                AlarmThresholds.defaults(job(5, Duration.ofSeconds(10), Duration.ofSeconds(30))));
    }

    @Test
    void aTypeWhoseRetriesTakeLongerGetsTheTimeTwoRetriesAndThreeRunsTake() {
        // Backoff 10 min then 20 min, function timeout 60 s + 5 s, three of them.
        assertEquals(
                Duration.ofMinutes(30).plusSeconds(3 * 65),
                AlarmThresholds.defaults(job(5, Duration.ofMinutes(10), Duration.ofSeconds(60)))
                        .oldestMessageAge());
        // One attempt: no retry to wait for.
        assertEquals(
                Duration.ofMinutes(15),
                AlarmThresholds.defaults(job(1, Duration.ofMinutes(10), Duration.ofSeconds(60)))
                        .oldestMessageAge());
    }

    @Test
    void aRateLimitedTypeAlsoWaitsForItsLongestWindowBeforeTheAgeAlarmFires() {
        JobDefinition d = JobDefinitionBuilder.job("t")
                .handlerClass("x.H")
                .payloadClass("x.P")
                .maxAttempts(5)
                .backoff(new RetryPolicy(Duration.ofSeconds(10), 2.0, Duration.ofHours(6), Jitter.FULL))
                .timeout(Duration.ofSeconds(30))
                .concurrency(4)
                .batchSize(1)
                .fifo(true)
                .rateLimit(new RateLimitSpec(0, 3, 0, Duration.ofMinutes(10), null))
                .build();
        JobTopology limited =
                Topology.derive("sluice", new Catalogue(List.of(d))).job("t");
        // Two backoffs (10 s, 20 s), three function timeouts (35 s each), and the hour a job may wait for its window.
        assertEquals(
                Duration.ofSeconds(30 + 3 * 35).plusHours(1),
                AlarmThresholds.defaults(limited).oldestMessageAge());
        assertEquals(
                Duration.ofDays(1),
                AlarmThresholds.longestWindow(new RateLimitSpec(0, 3, 20, Duration.ofMinutes(10), null)));
        assertEquals(Duration.ZERO, AlarmThresholds.longestWindow(RateLimitSpec.UNLIMITED));
    }

    @Test
    void settingsReplaceTheDefaultsTheyGiveAndKeepTheOthers() {
        AlarmThresholds t = new AlarmThresholds(Duration.ofMinutes(15), 10);
        assertEquals(
                new AlarmThresholds(Duration.ofHours(1), 2.5),
                t.with(AlarmSettings.builder()
                        .oldestMessageAge(Duration.ofHours(1))
                        .errorRatePercent(2.5)
                        .build()));
        assertEquals(
                new AlarmThresholds(Duration.ofMinutes(15), 2.5),
                t.with(AlarmSettings.builder().errorRatePercent(2.5).build()));
        assertEquals(t, t.with(AlarmSettings.NONE));
    }
}
