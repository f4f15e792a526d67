package io.sluice.infra.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.catalogue.JobOverrides;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FunctionEnvironmentTest {
    @Test
    void carriesTheTypeAppTablesOverridesAndHandlerSettings() {
        FunctionEnvironment env = FunctionEnvironment.of(
                "shop",
                "webhook",
                new JobOverrides(Map.of("backoff.initial", "PT1M", "rateLimit.perHour", "30")),
                Map.of("SLUICE_WEBHOOK_SECRET", "s3cret"));
        assertEquals(
                Map.of(
                        "SLUICE_JOB_TYPE", "webhook",
                        "SLUICE_APP", "shop",
                        "SLUICE_JOBS_TABLE", "shop-jobs",
                        "SLUICE_RATE_LIMITS_TABLE", "shop-rate-limits",
                        "SLUICE_BACKOFF_INITIAL", "PT1M",
                        "SLUICE_RATE_LIMIT_PER_HOUR", "30",
                        "JAVA_TOOL_OPTIONS", FunctionEnvironment.DEFAULT_JAVA_TOOL_OPTIONS,
                        "SLUICE_WEBHOOK_SECRET", "s3cret"),
                env.variables());
    }

    @Test
    void theJavaOptionsMayBeReplaced() {
        assertEquals(
                "-Xshare:auto",
                FunctionEnvironment.of(
                                "sluice", "webhook", JobOverrides.NONE, Map.of("JAVA_TOOL_OPTIONS", "-Xshare:auto"))
                        .variables()
                        .get("JAVA_TOOL_OPTIONS"));
    }

    @Test
    void aCatalogueSettingMustGoThroughTheOverridesSoTheQueuesFollowIt() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> FunctionEnvironment.of(
                        "sluice", "webhook", JobOverrides.NONE, Map.of("SLUICE_TIMEOUT", "PT60S")));
        assertEquals(
                "setting SLUICE_TIMEOUT for job type 'webhook': is the catalogue setting 'timeout'; give it in sluice:overrides"
                        + " so the queues and mappings follow it",
                e.getMessage());
    }

    @Test
    void whatTheStackOrLambdaSetsCannotBeReplaced() {
        assertEquals(
                "setting SLUICE_JOB_TYPE for job type 'webhook': is set by the stack; it cannot be given as a setting",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> FunctionEnvironment.of(
                                        "sluice", "webhook", JobOverrides.NONE, Map.of("SLUICE_JOB_TYPE", "other")))
                        .getMessage());
        assertEquals(
                "setting AWS_REGION for job type 'webhook': is reserved by Lambda",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> FunctionEnvironment.of(
                                        "sluice", "webhook", JobOverrides.NONE, Map.of("AWS_REGION", "eu-west-1")))
                        .getMessage());
        assertEquals(
                "setting 1ST for job type 'webhook': is not an environment variable name (a letter, then letters, digits or _)",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> FunctionEnvironment.of(
                                        "sluice", "webhook", JobOverrides.NONE, Map.of("1ST", "x")))
                        .getMessage());
    }
}
