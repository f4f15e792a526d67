package io.sluice.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.catalogue.JobOverrides;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LambdaEnvironmentTest {
    @Test
    void namesTheTypeTheAppItsTablesAndEachOverride() {
        assertEquals(
                Map.of(
                        "SLUICE_JOB_TYPE", "webhook",
                        "SLUICE_APP", "shop",
                        "SLUICE_JOBS_TABLE", "shop-jobs",
                        "SLUICE_RATE_LIMITS_TABLE", "shop-rate-limits",
                        "SLUICE_MAX_ATTEMPTS", "3"),
                new LambdaEnvironment("shop", "webhook", new JobOverrides(Map.of("maxAttempts", "3"))).variables());
    }

    @Test
    void withoutOverridesOnlyTheTypeTheAppAndItsTables() {
        assertEquals(4, LambdaEnvironment.of("sluice", "noop").variables().size());
    }

    @Test
    void findsTheCatalogueSettingAVariableCarries() {
        assertEquals(
                Optional.of("rateLimit.perHour"), LambdaEnvironment.catalogueSetting("SLUICE_RATE_LIMIT_PER_HOUR"));
        assertEquals(Optional.empty(), LambdaEnvironment.catalogueSetting("SLUICE_WEBHOOK_SECRET"));
    }
}
