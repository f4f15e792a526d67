package io.sluice.catalogue;

import static io.sluice.catalogue.JobDefinitionBuilder.job;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.job.Jitter;
import io.sluice.runtime.RetryPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobOverridesTest {
    private static final JobDefinition TESTJOB = job("testjob").build();

    private static String refusal(Map<String, String> overrides) {
        return assertThrows(IllegalArgumentException.class, () -> new JobOverrides(overrides).applyTo(TESTJOB)).getMessage();
    }

    @Test
    void listsEveryOverridableKey() {
        assertEquals(List.of("backoff.initial", "backoff.jitter", "backoff.max", "backoff.multiplier", "batchSize", "concurrency",
                "maxAttempts", "maxBatchingWindow", "memoryMb", "parallelism", "timeout"), JobOverrides.keys());
    }

    @Test
    void appliesEveryKeyFromAMap() {
        JobDefinition d = new JobOverrides(Map.ofEntries(
                Map.entry("maxAttempts", "3"),
                Map.entry("backoff.initial", "PT0.2S"),
                Map.entry("backoff.multiplier", "3.0"),
                Map.entry("backoff.max", "PT2S"),
                Map.entry("backoff.jitter", "none"),
                Map.entry("timeout", "PT5S"),
                Map.entry("memoryMb", "1024"),
                Map.entry("concurrency", "4"),
                Map.entry("batchSize", "100"),
                Map.entry("maxBatchingWindow", "PT2S"),
                Map.entry("parallelism", "20"))).applyTo(TESTJOB);
        assertEquals(3, d.maxAttempts());
        assertEquals(new RetryPolicy(Duration.ofMillis(200), 3.0, Duration.ofSeconds(2), Jitter.NONE), d.backoff());
        assertEquals(Duration.ofSeconds(5), d.timeout());
        assertEquals(1024, d.memoryMb());
        assertEquals(4, d.concurrency());
        assertEquals(100, d.batchSize());
        assertEquals(Duration.ofSeconds(2), d.maxBatchingWindow());
        assertEquals(20, d.parallelism());
        assertEquals(TESTJOB.type(), d.type());
        assertEquals(TESTJOB.handlerClass(), d.handlerClass());
        assertEquals(TESTJOB.priorities(), d.priorities());
    }

    @Test
    void keepsEverySettingThatIsNotOverridden() {
        JobDefinition d = new JobOverrides(Map.of("memoryMb", "1024")).applyTo(TESTJOB);
        assertEquals(new JobDefinition(TESTJOB.type(), TESTJOB.handlerClass(), TESTJOB.payloadClass(), TESTJOB.priorities(), TESTJOB.maxAttempts(),
                TESTJOB.backoff(), TESTJOB.timeout(), 1024, TESTJOB.concurrency(), TESTJOB.batchSize(), TESTJOB.maxBatchingWindow(), TESTJOB.fifo(),
                TESTJOB.description(), TESTJOB.parallelism()), d);
    }

    @Test
    void noOverridesLeaveTheDefinitionAsItWas() {
        assertTrue(JobOverrides.NONE.isEmpty());
        assertEquals(TESTJOB, JobOverrides.NONE.applyTo(TESTJOB));
    }

    @Test
    void namesEnvironmentVariablesAfterTheKeys() {
        assertEquals("SLUICE_BACKOFF_INITIAL", JobOverrides.environmentName("backoff.initial"));
        assertEquals("SLUICE_MAX_ATTEMPTS", JobOverrides.environmentName("maxAttempts"));
        assertEquals("SLUICE_MAX_BATCHING_WINDOW", JobOverrides.environmentName("maxBatchingWindow"));
        assertEquals("SLUICE_MEMORY_MB", JobOverrides.environmentName("memoryMb"));
        assertEquals("SLUICE_BACKOFF_MULTIPLIER", JobOverrides.environmentName("backoff.multiplier"));
    }

    @Test
    void readsOverridesFromEnvironmentNames() {
        JobOverrides overrides = JobOverrides.fromEnvironment(Map.of(
                "SLUICE_BACKOFF_INITIAL", " PT1S ",
                "SLUICE_MAX_ATTEMPTS", "7",
                "SLUICE_MAX_BATCHING_WINDOW", "PT1S",
                "SLUICE_TIMEOUT", "   ",
                "SLUICE_WEBHOOK_SECRET", "not an override",
                "PATH", "/usr/bin"));
        assertEquals(Map.of("backoff.initial", "PT1S", "maxAttempts", "7", "maxBatchingWindow", "PT1S"), overrides.values());
        JobDefinition d = overrides.applyTo(TESTJOB);
        assertEquals(Duration.ofSeconds(1), d.backoff().initial());
        assertEquals(7, d.maxAttempts());
    }

    @Test
    void refusesAnUnknownKeyNamingKeyAndValue() {
        String message = assertThrows(IllegalArgumentException.class, () -> new JobOverrides(Map.of("retries", "3"))).getMessage();
        assertEquals("unknown override retries='3'; known: " + String.join(", ", JobOverrides.keys()), message);
    }

    @Test
    void refusesAMalformedWholeNumberNamingKeyAndValue() {
        assertEquals("override maxAttempts='five' for job type 'testjob' is not a valid whole number", refusal(Map.of("maxAttempts", "five")));
        assertEquals("override memoryMb='1.5' for job type 'testjob' is not a valid whole number", refusal(Map.of("memoryMb", "1.5")));
    }

    @Test
    void refusesAMalformedDurationNamingKeyAndValue() {
        assertEquals("override timeout='30s' for job type 'testjob' is not a valid ISO-8601 duration such as PT30S", refusal(Map.of("timeout", "30s")));
        assertEquals("override backoff.initial='1m' for job type 'testjob' is not a valid ISO-8601 duration such as PT30S",
                refusal(Map.of("backoff.initial", "1m")));
    }

    @Test
    void refusesAMalformedMultiplierNamingKeyAndValue() {
        assertEquals("override backoff.multiplier='double' for job type 'testjob' is not a valid decimal number such as 2.0",
                refusal(Map.of("backoff.multiplier", "double")));
    }

    @Test
    void refusesAnUnknownJitter() {
        assertEquals("override backoff.jitter='half' for job type 'testjob': must be FULL or NONE", refusal(Map.of("backoff.jitter", "half")));
    }

    @Test
    void refusesABackoffThatBreaksARetryPolicyRule() {
        assertEquals("override backoff.max='PT13H' for job type 'testjob': backoff.max must be at most PT11H44M (SQS's 12-hour visibility limit less one Lambda invocation), was PT13H",
                refusal(Map.of("backoff.max", "PT13H")));
        assertEquals("override backoff.initial='PT1H', backoff.max='PT30M' for job type 'testjob': "
                        + "backoff.max must be at least backoff.initial (PT1H), was PT30M",
                refusal(Map.of("backoff.initial", "PT1H", "backoff.max", "PT30M")));
    }

    @Test
    void acceptsBackoffChangesThatAreOnlyValidTogether() {
        // Raising initial above the current max (PT15M) is fine when max is raised with it, whatever the key order.
        JobDefinition raised = new JobOverrides(Map.of("backoff.initial", "PT2H", "backoff.max", "PT3H")).applyTo(TESTJOB);
        assertEquals(Duration.ofHours(2), raised.backoff().initial());
        assertEquals(Duration.ofHours(3), raised.backoff().max());
        // And lowering max below the current initial (PT10S) is fine when initial is lowered with it.
        JobDefinition lowered = new JobOverrides(Map.of("backoff.initial", "PT1S", "backoff.max", "PT5S")).applyTo(TESTJOB);
        assertEquals(Duration.ofSeconds(5), lowered.backoff().max());
    }

    @Test
    void refusesAnOverrideThatBreaksAJobDefinitionRule() {
        assertEquals("job type 'testjob': timeout must be between PT1S and PT14M50S (Lambda's 15 minutes less the runtime's margins), was PT20M", refusal(Map.of("timeout", "PT20M")));
        assertEquals("job type 'testjob': maxBatchingWindow must be at least PT1S when batchSize exceeds 10 (Lambda's rule), was PT0S",
                refusal(Map.of("batchSize", "100")));
    }

    @Test
    void refusesAFifoBatchAboveTenEvenWhenOverridden() {
        JobDefinition fifo = job("ordered").fifo(true).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new JobOverrides(Map.of("batchSize", "20")).applyTo(fifo));
        assertEquals("job type 'ordered': batchSize must be between 1 and 10 for FIFO queues, was 20", e.getMessage());
    }

    @Test
    void catalogueAppliesOverridesPerType() {
        Catalogue catalogue = new Catalogue(List.of(TESTJOB, job("other").handlerClass("x.Other").build()));
        Catalogue changed = catalogue.withOverrides(type -> type.equals("other") ? new JobOverrides(Map.of("memoryMb", "2048")) : null);
        assertEquals(2048, changed.require("other").memoryMb());
        assertSame(TESTJOB, changed.require("testjob"));
    }
}
