package io.sluice.infra;

import static io.sluice.catalogue.JobDefinitionBuilder.job;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.catalogue.Catalogue;
import io.sluice.catalogue.JobOverrides;
import io.sluice.catalogue.ScheduleSpec;
import io.sluice.infra.monitoring.AlarmSettings;
import io.sluice.job.Priority;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Per-environment settings change the stack without a code change: a type's {@link JobSettings} (its overrides reach
 * both the topology and the function, which applies the same overrides at init; handler settings the environment;
 * alarm settings the alarms), the settings for every type beneath each type's own, the app name every resource name,
 * and {@code retainData=false} lets the tables go with the stack.
 */
class StackSettingsTest {
    static final Catalogue CATALOGUE = new Catalogue(List.of(
            job("webhook")
                    .priorities(Priority.HIGH, Priority.NORMAL, Priority.LOW)
                    .concurrency(12)
                    .build(),
            job("ledger")
                    .concurrency(2)
                    .schedule(new ScheduleSpec("rate(1 hour)", null, null))
                    .build()));

    static Synthesized stack;

    @BeforeAll
    static void synthesize() {
        stack = Synthesized.of(SluiceProps.builder()
                .app("shop")
                .catalogue(CATALOGUE)
                .job(
                        "webhook",
                        JobSettings.builder()
                                .overrides(new JobOverrides(
                                        Map.of("concurrency", "20", "timeout", "PT60S", "maxAttempts", "8")))
                                .environment(Map.of(
                                        "SLUICE_WEBHOOK_ALLOW_HOSTS",
                                        "hooks.internal.example.com",
                                        "SLUICE_OWNER",
                                        "hooks"))
                                .alarms(AlarmSettings.builder()
                                        .oldestMessageAge(Duration.ofMinutes(45))
                                        .build())
                                .secrets(List.of(
                                        "shop/webhook-signing",
                                        "arn:aws:secretsmanager:eu-west-1:123456789012:secret:shared/hmac-AbCdEf"))
                                .build())
                .jobDefaults(JobSettings.builder()
                        .environment(Map.of("SLUICE_OWNER", "payments"))
                        .alarms(AlarmSettings.builder().errorRatePercent(5).build())
                        .build())
                .retainData(false));
    }

    @Test
    void overridesChangeTheQueuesMappingsAndFunctionAndReachTheFunctionsEnvironment() {
        JsonNode fn = stack.function("shop-webhook");
        assertEquals(20, fn.path("ReservedConcurrentExecutions").asInt());
        assertEquals(65, fn.path("Timeout").asInt());
        JsonNode env = fn.path("Environment").path("Variables");
        assertEquals("20", env.path("SLUICE_CONCURRENCY").asText());
        assertEquals("PT60S", env.path("SLUICE_TIMEOUT").asText());
        assertEquals("8", env.path("SLUICE_MAX_ATTEMPTS").asText());
        assertEquals(
                6 * 65,
                stack.queueNamed("shop-webhook-high").path("VisibilityTimeout").asInt());
        assertEquals(
                18,
                stack.queueNamed("shop-webhook-low")
                        .path("RedrivePolicy")
                        .path("maxReceiveCount")
                        .asInt());
        int shares = List.of("high", "normal", "low").stream()
                .mapToInt(p -> stack.mappingOf("shop-webhook-" + p)
                        .path("ScalingConfig")
                        .path("MaximumConcurrency")
                        .asInt())
                .sum();
        assertEquals(20, shares);
        assertFalse(
                stack.function("shop-ledger")
                        .path("Environment")
                        .path("Variables")
                        .has("SLUICE_CONCURRENCY"),
                "overrides are per type");
    }

    @Test
    void handlerSettingsReachOnlyTheirTypesFunction() {
        assertEquals(
                "hooks.internal.example.com",
                stack.function("shop-webhook")
                        .path("Environment")
                        .path("Variables")
                        .path("SLUICE_WEBHOOK_ALLOW_HOSTS")
                        .asText());
        assertFalse(stack.function("shop-ledger")
                .path("Environment")
                .path("Variables")
                .has("SLUICE_WEBHOOK_ALLOW_HOSTS"));
    }

    @Test
    void settingsForEveryTypeReachEveryFunctionAndATypesOwnValueWins() {
        assertEquals(
                "payments",
                stack.function("shop-ledger")
                        .path("Environment")
                        .path("Variables")
                        .path("SLUICE_OWNER")
                        .asText());
        assertEquals(
                "hooks",
                stack.function("shop-webhook")
                        .path("Environment")
                        .path("Variables")
                        .path("SLUICE_OWNER")
                        .asText());
    }

    @Test
    void aTypesFunctionMayReadExactlyTheSecretsConfiguredForIt() {
        List<JsonNode> reads = stack.statementsOfRole(stack.roleIdOfFunction("shop-webhook")).stream()
                .filter(s -> s.path("Action").toString().contains("secretsmanager:"))
                .toList();
        assertEquals(1, reads.size(), reads.toString());
        assertEquals(
                "secretsmanager:GetSecretValue", reads.get(0).path("Action").asText());
        String resources = reads.get(0).path("Resource").toString();
        assertTrue(resources.contains(":secret:shop/webhook-signing-??????"), resources);
        assertTrue(
                resources.contains("\"arn:aws:secretsmanager:eu-west-1:123456789012:secret:shared/hmac-AbCdEf\""),
                resources);
        assertFalse(stack.statementsOfRole(stack.roleIdOfFunction("shop-ledger"))
                .toString()
                .contains("secretsmanager:"));
    }

    @Test
    void alarmThresholdsComeFromEveryTypeThenTheTypesOwnSettings() {
        Map<String, JsonNode> byName = new java.util.TreeMap<>();
        stack.resources("AWS::CloudWatch::Alarm")
                .values()
                .forEach(a -> byName.put(a.path("Properties").path("AlarmName").asText(), a.path("Properties")));
        assertEquals(5, byName.get("shop-webhook-error-rate").path("Threshold").asInt());
        assertEquals(5, byName.get("shop-ledger-error-rate").path("Threshold").asInt());
        assertEquals(
                45 * 60,
                byName.get("shop-webhook-oldest-message").path("Threshold").asInt());
        assertEquals(
                15 * 60,
                byName.get("shop-ledger-oldest-message").path("Threshold").asInt());
    }

    @Test
    void theAppNamePrefixesEveryName() {
        stack.queueNamed("shop-webhook-normal-dlq");
        stack.tableId("shop-jobs");
        stack.tableId("shop-rate-limits");
        assertEquals("shop", stack.output("ScheduleGroupName").asText());
        assertEquals(
                "shop-ledger",
                stack.resources("AWS::Scheduler::Schedule")
                        .values()
                        .iterator()
                        .next()
                        .path("Properties")
                        .path("Name")
                        .asText());
        JsonNode env = stack.function("shop-webhook").path("Environment").path("Variables");
        assertEquals("shop", env.path("SLUICE_APP").asText());
        assertEquals("shop-jobs", env.path("SLUICE_JOBS_TABLE").asText());
        assertTrue(stack.output("DashboardUrl").toString().contains("#dashboards:name=shop"));
        assertEquals("Sluice-shop", SluiceApp.stackName("shop"));
        assertEquals("Sluice", SluiceApp.stackName("sluice"));
    }

    @Test
    void withoutRetainDataTheTablesAndScheduleGroupGoWithTheStack() {
        assertEquals(2, stack.resources("AWS::DynamoDB::Table").size());
        assertEquals(1, stack.resources("AWS::Scheduler::ScheduleGroup").size());
        stack.resources("AWS::DynamoDB::Table").forEach((id, table) -> {
            assertEquals("Delete", table.path("DeletionPolicy").asText(), id);
            assertFalse(
                    table.path("Properties").path("DeletionProtectionEnabled").asBoolean(), id);
        });
        stack.resources("AWS::Scheduler::ScheduleGroup")
                .forEach((id, group) ->
                        assertEquals("Delete", group.path("DeletionPolicy").asText(), id));
    }

    @Test
    void withoutPrincipalsOrEmailThereIsNoQueueGrantAndNoSubscription() {
        assertTrue(stack.resources("AWS::SNS::Subscription").isEmpty());
        assertFalse(
                stack.resources("AWS::SQS::QueuePolicy").isEmpty(),
                "the TLS-only policies are still there to look into");
        stack.resources("AWS::SQS::QueuePolicy")
                .values()
                .forEach(p -> assertFalse(p.toString().contains("SluiceProducers")));
    }
}
