package io.sluice.catalogue;

import static io.sluice.catalogue.JobDefinitionBuilder.job;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.job.Jitter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobOverridesTest {
    private static final JobDefinition TESTJOB = job("testjob").build();

    private static String refusal(Map<String, String> overrides) {
        return assertThrows(IllegalArgumentException.class, () -> new JobOverrides(overrides).applyTo(TESTJOB))
                .getMessage();
    }

    @Test
    void listsEveryOverridableKey() {
        assertEquals(
                List.of(
                        "backoff.initial",
                        "backoff.jitter",
                        "backoff.max",
                        "backoff.multiplier",
                        "batchSize",
                        "concurrency",
                        "maxAttempts",
                        "maxBatchingWindow",
                        "memoryMb",
                        "parallelism",
                        "rateLimit.key",
                        "rateLimit.minInterval",
                        "rateLimit.perDay",
                        "rateLimit.perHour",
                        "rateLimit.perMinute",
                        "timeout"),
                JobOverrides.keys());
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
                        Map.entry("parallelism", "20"),
                        Map.entry("rateLimit.perMinute", "1"),
                        Map.entry("rateLimit.perHour", "3"),
                        Map.entry("rateLimit.perDay", "20"),
                        Map.entry("rateLimit.minInterval", "PT10M"),
                        Map.entry("rateLimit.key", "daoId")))
                .applyTo(TESTJOB);
        assertEquals(3, d.maxAttempts());
        assertEquals(new RetryPolicy(Duration.ofMillis(200), 3.0, Duration.ofSeconds(2), Jitter.NONE), d.backoff());
        assertEquals(Duration.ofSeconds(5), d.timeout());
        assertEquals(1024, d.memoryMb());
        assertEquals(4, d.concurrency());
        assertEquals(100, d.batchSize());
        assertEquals(Duration.ofSeconds(2), d.maxBatchingWindow());
        assertEquals(20, d.parallelism());
        assertEquals(new RateLimitSpec(1, 3, 20, Duration.ofMinutes(10), "daoId"), d.rateLimit());
        assertEquals(TESTJOB.type(), d.type());
        assertEquals(TESTJOB.handlerClass(), d.handlerClass());
        assertEquals(TESTJOB.priorities(), d.priorities());
    }

    @Test
    void keepsEverySettingThatIsNotOverridden() {
        JobDefinition d = new JobOverrides(Map.of("memoryMb", "1024")).applyTo(TESTJOB);
        assertEquals(TESTJOB.toBuilder().memoryMb(1024).build(), d);
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
        assertEquals("SLUICE_RATE_LIMIT_PER_MINUTE", JobOverrides.environmentName("rateLimit.perMinute"));
        assertEquals("SLUICE_RATE_LIMIT_PER_HOUR", JobOverrides.environmentName("rateLimit.perHour"));
        assertEquals("SLUICE_RATE_LIMIT_PER_DAY", JobOverrides.environmentName("rateLimit.perDay"));
        assertEquals("SLUICE_RATE_LIMIT_MIN_INTERVAL", JobOverrides.environmentName("rateLimit.minInterval"));
        assertEquals("SLUICE_RATE_LIMIT_KEY", JobOverrides.environmentName("rateLimit.key"));
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
        assertEquals(
                Map.of("backoff.initial", "PT1S", "maxAttempts", "7", "maxBatchingWindow", "PT1S"), overrides.values());
        JobDefinition d = overrides.applyTo(TESTJOB);
        assertEquals(Duration.ofSeconds(1), d.backoff().initial());
        assertEquals(7, d.maxAttempts());
    }

    @Test
    void readsRateLimitsFromEnvironmentNames() {
        JobOverrides overrides = JobOverrides.fromEnvironment(Map.of(
                "SLUICE_RATE_LIMIT_PER_MINUTE", "2",
                "SLUICE_RATE_LIMIT_PER_HOUR", "30",
                "SLUICE_RATE_LIMIT_PER_DAY", "200",
                "SLUICE_RATE_LIMIT_MIN_INTERVAL", "PT5S",
                "SLUICE_RATE_LIMIT_KEY", "accountId"));
        assertEquals(
                Map.of(
                        "rateLimit.perMinute",
                        "2",
                        "rateLimit.perHour",
                        "30",
                        "rateLimit.perDay",
                        "200",
                        "rateLimit.minInterval",
                        "PT5S",
                        "rateLimit.key",
                        "accountId"),
                overrides.values());
        assertEquals(
                new RateLimitSpec(2, 30, 200, Duration.ofSeconds(5), "accountId"),
                overrides.applyTo(TESTJOB).rateLimit());
    }

    @Test
    void changesOneRateLimitAndKeepsTheOthers() {
        JobDefinition limited = job("tweet")
                .rateLimit(new RateLimitSpec(0, 3, 20, Duration.ofMinutes(10), "daoId"))
                .build();
        assertEquals(
                new RateLimitSpec(0, 6, 20, Duration.ofMinutes(10), "daoId"),
                new JobOverrides(Map.of("rateLimit.perHour", "6"))
                        .applyTo(limited)
                        .rateLimit());
    }

    @Test
    void liftsRateLimitsWithZeroAndRemovesTheKeyWithAnEmptyValue() {
        JobDefinition limited = job("tweet")
                .rateLimit(new RateLimitSpec(0, 3, 20, Duration.ofMinutes(10), "daoId"))
                .build();
        JobDefinition lifted = new JobOverrides(Map.of(
                        "rateLimit.perHour",
                        "0",
                        "rateLimit.perDay",
                        "0",
                        "rateLimit.minInterval",
                        "PT0S",
                        "rateLimit.key",
                        ""))
                .applyTo(limited);
        assertEquals(RateLimitSpec.UNLIMITED, lifted.rateLimit());
        assertTrue(lifted.rateLimit().isUnlimited());
    }

    @Test
    void refusesMalformedRateLimitsNamingKeyAndValue() {
        assertEquals(
                "override rateLimit.perHour='3/h' for job type 'testjob' is not a valid whole number",
                refusal(Map.of("rateLimit.perHour", "3/h")));
        assertEquals(
                "override rateLimit.minInterval='10m' for job type 'testjob' is not a valid ISO-8601 duration such as PT30S",
                refusal(Map.of("rateLimit.minInterval", "10m")));
    }

    @Test
    void refusesRateLimitsOutOfRange() {
        assertEquals(
                "job type 'testjob': rateLimit.perDay must be between 0 (no limit) and 1000000, was -5",
                refusal(Map.of("rateLimit.perDay", "-5")));
        assertEquals(
                "job type 'testjob': rateLimit.minInterval must be between PT0S and P1D (PT24H), was PT25H",
                refusal(Map.of("rateLimit.minInterval", "PT25H")));
        assertEquals(
                "job type 'testjob': rateLimit.key 'payload.daoId' must be a top-level payload field name matching "
                        + "[A-Za-z_][A-Za-z0-9_]{0,63}",
                refusal(Map.of("rateLimit.key", "payload.daoId")));
    }

    @Test
    void refusesAnUnknownKeyNamingKeyAndValue() {
        String message = assertThrows(IllegalArgumentException.class, () -> new JobOverrides(Map.of("retries", "3")))
                .getMessage();
        assertEquals("unknown override retries='3'; known: " + String.join(", ", JobOverrides.keys()), message);
    }

    @Test
    void refusesAMalformedWholeNumberNamingKeyAndValue() {
        assertEquals(
                "override maxAttempts='five' for job type 'testjob' is not a valid whole number",
                refusal(Map.of("maxAttempts", "five")));
        assertEquals(
                "override memoryMb='1.5' for job type 'testjob' is not a valid whole number",
                refusal(Map.of("memoryMb", "1.5")));
    }

    @Test
    void refusesAMalformedDurationNamingKeyAndValue() {
        assertEquals(
                "override timeout='30s' for job type 'testjob' is not a valid ISO-8601 duration such as PT30S",
                refusal(Map.of("timeout", "30s")));
        assertEquals(
                "override backoff.initial='1m' for job type 'testjob' is not a valid ISO-8601 duration such as PT30S",
                refusal(Map.of("backoff.initial", "1m")));
    }

    @Test
    void refusesAMalformedMultiplierNamingKeyAndValue() {
        assertEquals(
                "override backoff.multiplier='double' for job type 'testjob' is not a valid decimal number such as 2.0",
                refusal(Map.of("backoff.multiplier", "double")));
    }

    @Test
    void refusesAnUnknownJitter() {
        assertEquals(
                "override backoff.jitter='half' for job type 'testjob': must be FULL or NONE",
                refusal(Map.of("backoff.jitter", "half")));
    }

    @Test
    void refusesABackoffThatBreaksARetryPolicyRule() {
        assertEquals(
                "override backoff.max='PT13H' for job type 'testjob': backoff.max must be at most PT11H44M (SQS's 12-hour visibility limit less one Lambda invocation), was PT13H",
                refusal(Map.of("backoff.max", "PT13H")));
        assertEquals(
                "override backoff.initial='PT1H', backoff.max='PT30M' for job type 'testjob': "
                        + "backoff.max must be at least backoff.initial (PT1H), was PT30M",
                refusal(Map.of("backoff.initial", "PT1H", "backoff.max", "PT30M")));
    }

    @Test
    void acceptsBackoffChangesThatAreOnlyValidTogether() {
        // Raising initial above the current max (PT15M) is fine when max is raised with it, whatever the key order.
        JobDefinition raised =
                new JobOverrides(Map.of("backoff.initial", "PT2H", "backoff.max", "PT3H")).applyTo(TESTJOB);
        assertEquals(Duration.ofHours(2), raised.backoff().initial());
        assertEquals(Duration.ofHours(3), raised.backoff().max());
        // And lowering max below the current initial (PT10S) is fine when initial is lowered with it.
        JobDefinition lowered =
                new JobOverrides(Map.of("backoff.initial", "PT1S", "backoff.max", "PT5S")).applyTo(TESTJOB);
        assertEquals(Duration.ofSeconds(5), lowered.backoff().max());
    }

    @Test
    void refusesAnOverrideThatBreaksAJobDefinitionRule() {
        assertEquals(
                "job type 'testjob': timeout must be between PT1S and PT14M50S (Lambda's 15 minutes less the runtime's margins), was PT20M",
                refusal(Map.of("timeout", "PT20M")));
        assertEquals(
                "job type 'testjob': maxBatchingWindow must be at least PT1S when batchSize exceeds 10 (Lambda's rule), was PT0S",
                refusal(Map.of("batchSize", "100")));
    }

    @Test
    void refusesAFifoBatchAboveTenEvenWhenOverridden() {
        JobDefinition fifo = job("ordered").fifo(true).build();
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> new JobOverrides(Map.of("batchSize", "20")).applyTo(fifo));
        assertEquals("job type 'ordered': batchSize must be between 1 and 10 for FIFO queues, was 20", e.getMessage());
    }

    @Test
    void catalogueAppliesOverridesPerType() {
        Catalogue catalogue = new Catalogue(
                List.of(TESTJOB, job("other").handlerClass("x.Other").build()));
        Catalogue changed = catalogue.withOverrides(
                type -> type.equals("other") ? new JobOverrides(Map.of("memoryMb", "2048")) : null);
        assertEquals(2048, changed.require("other").memoryMb());
        assertSame(TESTJOB, changed.require("testjob"));
    }
}
