package io.sluice.infra;

import static io.sluice.catalogue.JobDefinitionBuilder.job;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.sluice.catalogue.Catalogue;
import io.sluice.catalogue.ScheduleSpec;
import io.sluice.infra.monitoring.AlarmSettings;
import io.sluice.job.Priority;
import io.sluice.topology.JobTopology;
import io.sluice.topology.QueueSpec;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.sqs.Queue;

/**
 * Sluice as one construct in a stack of a user's own CDK app, beside the user's own resources: it adds its queues,
 * functions, tables and outputs under its construct id, leaves the user's resources and the stack's description
 * alone, runs no cdk-nag checks of its own, and is clean under the user's checks with its suppressions where they
 * belong.
 */
class SluiceInAUserStackTest {
    static final Catalogue CATALOGUE = new Catalogue(List.of(
            job("webhook")
                    .priorities(Priority.HIGH, Priority.NORMAL)
                    .concurrency(4)
                    .build(),
            job("report")
                    .concurrency(2)
                    .schedule(new ScheduleSpec("rate(1 hour)", null, null))
                    .build()));

    static Synthesized plain;
    static Synthesized checked;

    @BeforeAll
    static void synthesize() {
        plain = usersStack(false);
        checked = usersStack(true);
    }

    /** What a user's app does: its own stack and resources, then Sluice, optionally with cdk-nag on the stack. */
    static Synthesized usersStack(boolean cdkNag) {
        App app = Synthesized.app(Map.of());
        Stack stack = new Stack(
                app,
                "Orders",
                StackProps.builder().description("Orders service").build());
        Queue.Builder.create(stack, "OrderEvents").queueName("orders-events").build();
        Role service = Role.Builder.create(stack, "OrdersService")
                .assumedBy(new ServicePrincipal("ecs-tasks.amazonaws.com"))
                .build();
        Sluice sluice = new Sluice(
                stack,
                "Jobs",
                SluiceProps.builder()
                        .app("orders")
                        .catalogue(CATALOGUE)
                        .lambdaJar(Synthesized.JAR)
                        .job(
                                "webhook",
                                JobSettings.builder()
                                        .environment(Map.of("SLUICE_WEBHOOK_ALLOW_HOSTS", "hooks.example.com"))
                                        .alarms(AlarmSettings.builder()
                                                .errorRatePercent(2)
                                                .build())
                                        .build())
                        .build());
        service.addManagedPolicy(sluice.producerPolicy());
        if (cdkNag) {
            Aspects.of(stack).add(new AwsSolutionsChecks());
        }
        return Synthesized.fromStack(stack, sluice);
    }

    @Test
    void theUsersStackHoldsSluicesQueuesFunctionsAndTablesBesideItsOwnResources() {
        for (JobTopology job : plain.sluice().topology().jobs()) {
            assertEquals(
                    "java21",
                    plain.function(job.function().name()).path("Runtime").asText());
            for (QueueSpec q : job.queues()) {
                assertTrue(
                        plain.refersTo(
                                plain.queueNamed(q.name()).path("RedrivePolicy").path("deadLetterTargetArn"),
                                plain.queueId(q.deadLetterName())),
                        q.name());
                assertEquals(
                        q.eventSourceMapping().batchSize(),
                        plain.mappingOf(q.name()).path("BatchSize").asInt(),
                        q.name());
            }
        }
        assertEquals(
                List.of("orders-webhook-high", "orders-webhook-normal"),
                List.of(
                        plain.queueNamed("orders-webhook-high")
                                .path("QueueName")
                                .asText(),
                        plain.queueNamed("orders-webhook-normal")
                                .path("QueueName")
                                .asText()));
        plain.tableId("orders-jobs");
        plain.tableId("orders-rate-limits");
        assertEquals(1, plain.resources("AWS::Scheduler::Schedule").size());
        assertEquals(
                "Orders service", plain.json().path("Description").asText(), "the stack's description is the user's");

        String usersQueue = plain.queueId("orders-events");
        assertTrue(usersQueue.startsWith("OrderEvents"), usersQueue);
        Set<String> outside = new TreeSet<>();
        plain.json().path("Resources").fieldNames().forEachRemaining(id -> {
            if (!id.startsWith("Jobs")) {
                outside.add(id);
            }
        });
        assertEquals(
                Set.of(
                        usersQueue,
                        plain.resources("AWS::IAM::Role").keySet().stream()
                                .filter(id -> id.startsWith("OrdersService"))
                                .findFirst()
                                .orElseThrow()),
                outside,
                "every resource of Sluice's is under its construct id");
    }

    @Test
    void aTypesTypedSettingsReachItsFunctionAndAlarmsOnly() {
        assertEquals(
                "hooks.example.com",
                plain.function("orders-webhook")
                        .path("Environment")
                        .path("Variables")
                        .path("SLUICE_WEBHOOK_ALLOW_HOSTS")
                        .asText());
        assertFalse(plain.function("orders-report")
                .path("Environment")
                .path("Variables")
                .has("SLUICE_WEBHOOK_ALLOW_HOSTS"));
        Map<String, JsonNode> alarms = new TreeMap<>();
        plain.resources("AWS::CloudWatch::Alarm")
                .values()
                .forEach(a -> alarms.put(a.path("Properties").path("AlarmName").asText(), a.path("Properties")));
        assertEquals(
                2, alarms.get("orders-webhook-error-rate").path("Threshold").asInt());
        assertEquals(
                10, alarms.get("orders-report-error-rate").path("Threshold").asInt());
    }

    @Test
    void theUsersRoleCanBeGivenTheProducerPolicy() {
        String role = plain.resources("AWS::IAM::Role").keySet().stream()
                .filter(id -> id.startsWith("OrdersService"))
                .findFirst()
                .orElseThrow();
        String policy = plain.idOf("AWS::IAM::ManagedPolicy", "ManagedPolicyName", "orders-producer");
        assertTrue(plain.refersToAny(plain.resource(role).path("Properties").path("ManagedPolicyArns"), policy));
    }

    @Test
    void theOutputsAreInTheUsersStackUnderTheConstructsId() {
        Map<String, JsonNode> outputs = new TreeMap<>();
        plain.json()
                .path("Outputs")
                .fields()
                .forEachRemaining(e -> outputs.put(e.getKey(), e.getValue().path("Value")));
        assertEquals(
                plain.tableId("orders-jobs"),
                only(outputs, "JobsJobsTableName").path("Ref").asText());
        assertEquals(
                plain.queueId("orders-webhook-high"),
                only(outputs, "JobsQueueUrlWebhookHigh").path("Ref").asText());
        assertEquals("orders", only(outputs, "JobsScheduleGroupName").asText());
    }

    @Test
    void theConstructRunsNoCdkNagChecksOfItsOwn() {
        Annotations annotations = Annotations.fromStack(plain.stack());
        assertEquals(List.of(), texts(annotations.findError("*", Match.anyValue())));
        assertEquals(List.of(), texts(annotations.findWarning("*", Match.anyValue())));
    }

    @Test
    void underTheUsersCdkNagChecksSluicesResourcesAreCleanAndItsSuppressionsApply() {
        Annotations annotations = Annotations.fromStack(checked.stack());
        List<SynthesisMessage> findings = new java.util.ArrayList<>(annotations.findError("*", Match.anyValue()));
        findings.addAll(annotations.findWarning("*", Match.anyValue()));
        assertEquals(
                List.of(),
                texts(findings.stream()
                        .filter(m -> m.getId().startsWith("/Orders/Jobs/"))
                        .toList()));
        // The checks did run: the user's own queue, which has no DLQ and allows requests without TLS, has findings.
        assertFalse(
                findings.stream()
                        .filter(m -> m.getId().startsWith("/Orders/OrderEvents/"))
                        .toList()
                        .isEmpty(),
                texts(findings).toString());
        String policy = checked.idOf("AWS::IAM::ManagedPolicy", "ManagedPolicyName", "orders-producer");
        assertTrue(checked.resource(policy)
                .path("Metadata")
                .path("cdk_nag")
                .path("rules_to_suppress")
                .toString()
                .contains("AwsSolutions-IAM5"));
    }

    /** The one output whose id starts with {@code prefix} (CDK appends a hash of the path). */
    private static JsonNode only(Map<String, JsonNode> outputs, String prefix) {
        List<JsonNode> found = outputs.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix))
                .map(Map.Entry::getValue)
                .toList();
        assertEquals(1, found.size(), prefix + " in " + outputs.keySet());
        return found.get(0);
    }

    private static List<String> texts(List<SynthesisMessage> messages) {
        return messages.stream()
                .map(m -> m.getId() + " " + m.getEntry().getData())
                .toList();
    }
}
