package io.sluice.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.catalogue.Catalogue;
import io.sluice.catalogue.JobOverrides;
import io.sluice.job.Priority;
import io.sluice.runtime.JobFunction;
import io.sluice.store.JobRecord;
import io.sluice.store.JobState;
import io.sluice.topology.SluiceEnvironment;
import io.sluice.topology.Topology;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * sluice-local's functions are assembled by the runtime's composition root ({@code JobFunction.from}) from an
 * environment like the one the stack gives a deployed function, so {@code --set} overrides, handler settings and
 * history retention reach them as they reach a Lambda function.
 */
class LocalFunctionTest {

    @Test
    void setOverridesReachTheFunctionAppliedOnceInEffectAsTheyReachTheQueues() {
        Map<String, String> set = Map.of(
                "webhook.maxAttempts",
                "3",
                "webhook.timeout",
                "PT20S",
                "webhook.backoff.initial",
                "PT2H",
                "webhook.backoff.max",
                "PT3H");
        JobOverrides overrides = new JobOverrides(
                Map.of("maxAttempts", "3", "timeout", "PT20S", "backoff.initial", "PT2H", "backoff.max", "PT3H"));
        try (LocalHarness local = LocalHarness.start(List.of("webhook"), set, false);
                JobFunction function = local.runtime.function("webhook")) {
            assertEquals(overrides.applyTo(Catalogue.load().require("webhook")), function.definition());
            assertEquals(3, function.definition().maxAttempts());
            assertEquals(Duration.ofHours(2), function.definition().backoff().initial());
            assertEquals(
                    local.runtime.topology().job("webhook").queue(Priority.NORMAL),
                    Topology.derive("sluice", new Catalogue(List.of(function.definition())))
                            .job("webhook")
                            .queue(Priority.NORMAL),
                    "the queue sluice-local made is the one the function's own definition derives");
        }
    }

    @Test
    void historyRetentionFromTheConfigurationReachesTheFunctionsStore() {
        try (LocalHarness local = LocalHarness.start(
                List.of("noop"), Map.of(), Map.of(SluiceEnvironment.HISTORY_RETENTION, "P2D"), true)) {
            local.send(
                    "noop", Priority.NORMAL, LocalHarness.envelope("noop", "kept-2-days", Priority.NORMAL, Map.of()));
            LocalHarness.await(
                    () -> local.runtime
                            .jobStore()
                            .get("kept-2-days")
                            .map(r -> r.state() == JobState.SUCCEEDED)
                            .orElse(false),
                    Duration.ofSeconds(30),
                    () -> "job kept-2-days succeeds: "
                            + local.runtime.jobStore().get("kept-2-days"));

            JobRecord record = local.runtime.jobStore().get("kept-2-days").orElseThrow();
            // Kept for the longer of history retention and the idempotency window (24 hours by default).
            assertEquals(
                    record.finishedAt().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS), record.expiresAt());
        }
    }
}
