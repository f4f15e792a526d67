package io.sluice.infra;

import static io.sluice.catalogue.JobDefinitionBuilder.job;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.catalogue.Catalogue;
import io.sluice.catalogue.RateLimitSpec;
import io.sluice.catalogue.ScheduleSpec;
import io.sluice.catalogue.ScheduledEnvelope;
import io.sluice.envelope.EnvelopeParser;
import io.sluice.envelope.JobEnvelope;
import io.sluice.infra.jobs.ExtraGrant;
import io.sluice.infra.jobs.FunctionEnvironment;
import io.sluice.infra.jobs.JobLambda;
import io.sluice.job.Priority;
import io.sluice.topology.JobMetric;
import io.sluice.topology.JobTopology;
import io.sluice.topology.QueueSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;

/**
 * The bundled app's stack for a catalogue with a multi-priority type, a FIFO type with a rate limit, and two scheduled types (one of
 * them FIFO), synthesized once, checked item by item against the list. Values are read from the template
 * (what CloudFormation gets), and compared with the topology only where the topology is the specification.
 */
class SluiceTest {
    static final Catalogue CATALOGUE = new Catalogue(List.of(
            job("webhook")
                    .priorities(Priority.HIGH, Priority.NORMAL, Priority.LOW)
                    .concurrency(12)
                    .description("Calls URLs")
                    .build(),
            job("orders")
                    .fifo(true)
                    .priorities(Priority.HIGH, Priority.NORMAL)
                    .concurrency(6)
                    .maxAttempts(3)
                    .timeout(Duration.ofSeconds(10))
                    .rateLimit(new RateLimitSpec(0, 100, 0, Duration.ZERO, null))
                    .build(),
            job("report")
                    .batchSize(100)
                    .maxBatchingWindow(Duration.ofMillis(19_500))
                    .timeout(Duration.ofSeconds(60))
                    .memoryMb(1024)
                    .concurrency(4)
                    .schedule(new ScheduleSpec("cron(0 7 * * ? *)", "Europe/Paris", "{\"kind\":\"daily\"}"))
                    .build(),
            job("ledger")
                    .fifo(true)
                    .concurrency(2)
                    .schedule(new ScheduleSpec("rate(15 minutes)", null, null))
                    .build()));

    static final String SES_IDENTITY = "arn:aws:ses:eu-west-1:123456789012:identity/example.com";
    static Synthesized stack;

    @BeforeAll
    static void synthesize() {
        stack = Synthesized.of(SluiceProps.builder()
                .catalogue(CATALOGUE)
                .alarmEmail("ops@example.com")
                .job(
                        "orders",
                        JobSettings.builder()
                                .secrets(List.of("sluice/orders-api"))
                                .build())
                .job(
                        "report",
                        JobSettings.builder()
                                .grants(List.of(new ExtraGrant(List.of("ses:SendEmail"), List.of(SES_IDENTITY))))
                                .build())
                .producerPrincipals(List.of("123456789012", "arn:aws:iam::210987654321:role/orders-service")));
    }

    @Test
    void everyTypeHasAQueueAndARedriveDeadLetterQueuePerPriorityNamedAsTheTopologySays() {
        for (JobTopology job : stack.sluice().topology().jobs()) {
            for (QueueSpec spec : job.queues()) {
                JsonNode queue = stack.queueNamed(spec.name());
                JsonNode dlq = stack.queueNamed(spec.deadLetterName());
                assertEquals(spec.fifo(), queue.path("FifoQueue").asBoolean(false), spec.name());
                assertEquals(spec.fifo(), dlq.path("FifoQueue").asBoolean(false), spec.deadLetterName());
                JsonNode redrive = queue.path("RedrivePolicy");
                assertTrue(
                        stack.refersTo(redrive.path("deadLetterTargetArn"), stack.queueId(spec.deadLetterName())),
                        spec.name());
                assertEquals(
                        spec.maxReceiveCount(), redrive.path("maxReceiveCount").asInt(), spec.name());
                assertTrue(spec.maxReceiveCount() >= job.definition().maxAttempts() + 10, spec.name());
                assertEquals(14 * 24 * 3600, dlq.path("MessageRetentionPeriod").asInt(), spec.deadLetterName());
                assertEquals(
                        14 * 24 * 3600, queue.path("MessageRetentionPeriod").asInt(), spec.name());
                assertEquals(
                        spec.fifo() ? true : null,
                        queue.has("ContentBasedDeduplication")
                                ? queue.path("ContentBasedDeduplication").asBoolean()
                                : null,
                        spec.name());
            }
        }
        assertEquals(
                "sluice-webhook-low-dlq",
                stack.queueNamed("sluice-webhook-low-dlq").path("QueueName").asText());
        assertNotNull(stack.queueNamed("sluice-orders-high-dlq.fifo"));
        assertTrue(
                stack.queueNamed("sluice-orders-high-dlq.fifo")
                        .path("FifoQueue")
                        .asBoolean(),
                "a FIFO type's DLQ is FIFO too");
        // 2 x (3 + 2 + 1 + 1) job queues and DLQs, one schedule DLQ per scheduled type, one for run-time schedules.
        assertEquals(14 + 2 + 1, stack.resources("AWS::SQS::Queue").size());
    }

    @Test
    void everyQueueIsEncryptedAndRefusesRequestsWithoutTls() {
        Map<String, JsonNode> policies = stack.resources("AWS::SQS::QueuePolicy");
        stack.resources("AWS::SQS::Queue").forEach((id, queue) -> {
            assertTrue(queue.path("Properties").path("SqsManagedSseEnabled").asBoolean(), id);
            boolean denied = policies.values().stream()
                    .anyMatch(p -> stack.refersToAny(p.path("Properties").path("Queues"), id)
                            && statements(p.path("Properties").path("PolicyDocument")).stream()
                                    .anyMatch(s -> s.path("Effect").asText().equals("Deny")
                                            && s.path("Condition")
                                                    .path("Bool")
                                                    .path("aws:SecureTransport")
                                                    .asText()
                                                    .equals("false")
                                            && s.path("Action").asText().equals("sqs:*")));
            assertTrue(denied, id + " has no policy denying requests without TLS");
        });
    }

    @Test
    void visibilityTimeoutIsAtLeastSixFunctionTimeoutsPlusTheBatchingWindow() {
        int checked = 0;
        for (JsonNode mapping :
                stack.resources("AWS::Lambda::EventSourceMapping").values()) {
            JsonNode m = mapping.path("Properties");
            JsonNode queue = stack.resource(stack.referencedId(m.path("EventSourceArn")));
            JsonNode function = stack.resource(stack.functionIdOfMapping(m));
            int timeout = function.path("Properties").path("Timeout").asInt();
            int window = m.path("MaximumBatchingWindowInSeconds").asInt(0);
            int visibility = queue.path("Properties").path("VisibilityTimeout").asInt();
            assertTrue(
                    visibility >= 6 * timeout + window,
                    queue.path("Properties").path("QueueName") + ": visibility " + visibility + " < 6 x " + timeout
                            + " + " + window);
            checked++;
        }
        assertEquals(7, checked);
        // The report type batches 100 messages over a 19.5 s window, which Lambda and SQS take as 20 s: the window
        // counts.
        int reportTimeout = stack.function("sluice-report").path("Timeout").asInt();
        assertEquals(
                20,
                stack.mappingOf("sluice-report-normal")
                        .path("MaximumBatchingWindowInSeconds")
                        .asInt());
        assertEquals(
                6 * reportTimeout + 20,
                stack.queueNamed("sluice-report-normal")
                        .path("VisibilityTimeout")
                        .asInt());
    }

    @Test
    void oneJava21FunctionPerTypeWithTheCatalogueSettingsAndTheRuntimeEnvironment() {
        // Four job functions; the fifth is the Jobs HTTP API's (JobsHttpApiTemplateTest).
        assertEquals(
                4,
                stack.resources("AWS::Lambda::Function").values().stream()
                        .filter(f ->
                                f.path("Properties").path("Handler").asText().equals(JobLambda.HANDLER))
                        .count());
        for (JobTopology job : stack.sluice().topology().jobs()) {
            JsonNode fn = stack.function(job.function().name());
            assertEquals("java21", fn.path("Runtime").asText());
            assertEquals(JobLambda.HANDLER, fn.path("Handler").asText());
            assertEquals(job.definition().memoryMb(), fn.path("MemorySize").asInt());
            assertEquals(
                    job.function().timeout().toSeconds(), fn.path("Timeout").asLong());
            assertEquals(
                    job.definition().concurrency(),
                    fn.path("ReservedConcurrentExecutions").asInt());
            assertEquals("JSON", fn.path("LoggingConfig").path("LogFormat").asText());
            JsonNode env = fn.path("Environment").path("Variables");
            assertEquals(job.type(), env.path("SLUICE_JOB_TYPE").asText());
            assertEquals("sluice", env.path("SLUICE_APP").asText());
            assertEquals("sluice-jobs", env.path("SLUICE_JOBS_TABLE").asText());
            assertEquals(
                    "sluice-rate-limits", env.path("SLUICE_RATE_LIMITS_TABLE").asText());
            assertEquals(
                    FunctionEnvironment.DEFAULT_JAVA_TOOL_OPTIONS,
                    env.path("JAVA_TOOL_OPTIONS").asText());
        }
        assertEquals(
                605,
                stack.function("sluice-report").path("Timeout").asInt(),
                "100 messages, 10 at a time: 10 x 60 s + 5 s");
        assertEquals(
                105,
                stack.function("sluice-orders").path("Timeout").asInt(),
                "a FIFO batch may be one group: 10 x 10 s + 5 s");
    }

    @Test
    void snapStartIsOnAndTheAliasPointsAtAPublishedVersion() {
        for (JobTopology job : stack.sluice().topology().jobs()) {
            String functionId = stack.functionId(job.function().name());
            assertEquals(
                    "PublishedVersions",
                    stack.resource(functionId)
                            .path("Properties")
                            .path("SnapStart")
                            .path("ApplyOn")
                            .asText());
            JsonNode alias = onlyOne(
                    stack.resources("AWS::Lambda::Alias").values().stream()
                            .filter(a -> stack.refersTo(a.path("Properties").path("FunctionName"), functionId))
                            .toList(),
                    "alias of " + functionId);
            assertEquals(JobLambda.ALIAS, alias.path("Properties").path("Name").asText());
            String versionId = stack.referencedId(alias.path("Properties").path("FunctionVersion"));
            JsonNode version = stack.resource(versionId);
            assertEquals("AWS::Lambda::Version", version.path("Type").asText());
            assertTrue(stack.refersTo(version.path("Properties").path("FunctionName"), functionId));
        }
    }

    @Test
    void everyQueueHasOneMappingThatInvokesTheAliasWithPartialBatchResponses() {
        Map<String, JsonNode> mappings = stack.resources("AWS::Lambda::EventSourceMapping");
        for (JobTopology job : stack.sluice().topology().jobs()) {
            String aliasId = stack.aliasId(job.function().name());
            for (QueueSpec spec : job.queues()) {
                JsonNode m = onlyOne(
                        mappings.values().stream()
                                .map(r -> r.path("Properties"))
                                .filter(p -> stack.refersTo(p.path("EventSourceArn"), stack.queueId(spec.name())))
                                .toList(),
                        "mapping of " + spec.name());
                // Lambda's ESM takes the alias as "<function name>:<alias>"; CDK derives it from the alias's ARN.
                String functionName = m.path("FunctionName").toString();
                assertTrue(
                        functionName.contains("{\"Ref\":\"" + aliasId + "\"}")
                                && functionName.contains(":" + JobLambda.ALIAS),
                        spec.name() + " is not mapped to the alias: " + functionName);
                assertEquals(
                        "[\"ReportBatchItemFailures\"]",
                        m.path("FunctionResponseTypes").toString());
                assertEquals(
                        spec.eventSourceMapping().batchSize(),
                        m.path("BatchSize").asInt());
                assertEquals(
                        spec.eventSourceMapping().maximumConcurrency(),
                        m.path("ScalingConfig").path("MaximumConcurrency").asInt());
            }
        }
        assertEquals(7, mappings.size());
    }

    @Test
    void maximumConcurrencyIsWeightedByPriorityAndNeverAddsUpToMoreThanTheReservedConcurrency() {
        Map<String, List<Integer>> sharesByFunction = new TreeMap<>();
        for (JsonNode mapping :
                stack.resources("AWS::Lambda::EventSourceMapping").values()) {
            JsonNode m = mapping.path("Properties");
            sharesByFunction
                    .computeIfAbsent(stack.functionIdOfMapping(m), k -> new ArrayList<>())
                    .add(m.path("ScalingConfig").path("MaximumConcurrency").asInt());
        }
        assertEquals(4, sharesByFunction.size());
        sharesByFunction.forEach((functionId, shares) -> {
            int reserved = stack.resource(functionId)
                    .path("Properties")
                    .path("ReservedConcurrentExecutions")
                    .asInt();
            assertTrue(
                    shares.stream().mapToInt(Integer::intValue).sum() <= reserved,
                    functionId + " " + shares + " > " + reserved);
            assertTrue(shares.stream().allMatch(s -> s >= 2), functionId + " " + shares);
        });
        List<Integer> webhook = List.of("high", "normal", "low").stream()
                .map(p -> stack.mappingOf("sluice-webhook-" + p)
                        .path("ScalingConfig")
                        .path("MaximumConcurrency")
                        .asInt())
                .toList();
        assertEquals(List.of(5, 4, 3), webhook, "high 3 : normal 2 : low 1 above 2 each, of 12");
    }

    @Test
    void noStatementAllowsAnSqsOrDynamoDbActionOnEveryResource() {
        List<JsonNode> all = stack.allPolicyStatements();
        assertTrue(all.size() > 20, "found only " + all.size() + " statements");
        for (JsonNode s : all) {
            List<String> actions = texts(s.path("Action"));
            boolean data =
                    actions.stream().anyMatch(a -> a.equals("*") || a.startsWith("sqs:") || a.startsWith("dynamodb:"));
            if (data) {
                assertFalse(texts(s.path("Resource")).contains("*"), "statement on every resource: " + s);
                assertFalse(
                        s.path("Effect").asText().equals("Allow")
                                && actions.stream().anyMatch(a -> a.endsWith("*")),
                        "wildcard action allowed: " + s);
            }
        }
    }

    @Test
    void eachFunctionRoleReachesOnlyItsOwnQueuesAndTheTablesItUses() {
        for (JobTopology job : stack.sluice().topology().jobs()) {
            Set<String> own = new HashSet<>();
            job.queues().forEach(q -> {
                own.add(stack.queueId(q.name()));
                own.add(stack.queueId(q.deadLetterName()));
            });
            Set<String> sqs = new HashSet<>();
            Set<String> dynamo = new HashSet<>();
            for (JsonNode s :
                    stack.statementsOfRole(stack.roleIdOfFunction(job.function().name()))) {
                for (JsonNode resource : list(s.path("Resource"))) {
                    List<String> actions = texts(s.path("Action"));
                    if (actions.stream().anyMatch(a -> a.startsWith("sqs:"))) {
                        sqs.add(stack.referencedId(resource));
                    }
                    if (actions.stream().anyMatch(a -> a.startsWith("dynamodb:"))) {
                        dynamo.add(stack.referencedId(resource));
                        assertTrue(
                                Set.of("dynamodb:GetItem", "dynamodb:UpdateItem")
                                        .containsAll(actions),
                                actions.toString());
                    }
                }
            }
            assertEquals(own, sqs, job.type());
            Set<String> tables = new HashSet<>(Set.of(stack.tableId("sluice-jobs")));
            if (!job.definition().rateLimit().isUnlimited()) {
                tables.add(stack.tableId("sluice-rate-limits"));
            }
            assertEquals(tables, dynamo, job.type());
        }
    }

    @Test
    void aGrantConfiguredForATypeReachesThatTypesRoleOnly() {
        for (JobTopology job : stack.sluice().topology().jobs()) {
            List<JsonNode> ses = stack
                    .statementsOfRole(stack.roleIdOfFunction(job.function().name()))
                    .stream()
                    .filter(s -> texts(s.path("Action")).contains("ses:SendEmail"))
                    .toList();
            if (job.type().equals("report")) {
                assertEquals(1, ses.size(), ses.toString());
                assertEquals(List.of(SES_IDENTITY), texts(ses.get(0).path("Resource")));
            } else {
                assertEquals(List.of(), ses, job.type());
            }
        }
    }

    @Test
    void tablesAreOnDemandWithRecoveryTtlIndexesAndKeptWhenTheStackGoes() {
        Map<String, JsonNode> tables = stack.resources("AWS::DynamoDB::Table");
        assertEquals(2, tables.size());
        for (Map.Entry<String, JsonNode> e : tables.entrySet()) {
            JsonNode t = e.getValue().path("Properties");
            assertEquals("PAY_PER_REQUEST", t.path("BillingMode").asText());
            assertTrue(t.path("PointInTimeRecoverySpecification")
                    .path("PointInTimeRecoveryEnabled")
                    .asBoolean());
            assertTrue(t.path("TimeToLiveSpecification").path("Enabled").asBoolean());
            assertEquals(
                    "expiresAt",
                    t.path("TimeToLiveSpecification").path("AttributeName").asText());
            assertTrue(t.path("DeletionProtectionEnabled").asBoolean());
            assertEquals("Retain", e.getValue().path("DeletionPolicy").asText());
        }
        JsonNode jobs = stack.resource(stack.tableId("sluice-jobs")).path("Properties");
        assertEquals(
                "[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}]",
                jobs.path("KeySchema").toString());
        List<String> indexes = new ArrayList<>();
        jobs.path("GlobalSecondaryIndexes")
                .forEach(i -> indexes.add(i.path("IndexName").asText() + " "
                        + i.path("KeySchema").get(0).path("AttributeName").asText() + "/"
                        + i.path("KeySchema").path(1).path("AttributeName").asText("-") + " "
                        + i.path("Projection").path("ProjectionType").asText()));
        assertEquals(
                List.of(
                        "byState stateShard/stateAt INCLUDE",
                        "deadLetters failedShard/failedAt KEYS_ONLY",
                        "byIdempotencyKey explicitKey/- KEYS_ONLY"),
                indexes);
        assertEquals(
                "[\"source\"]",
                jobs.path("GlobalSecondaryIndexes")
                        .get(0)
                        .path("Projection")
                        .path("NonKeyAttributes")
                        .toString());
    }

    @Test
    void aTableCreatedByAnEarlierVersionKeepsItsOldIndexesWhileItMovesOneIndexPerDeployment() {
        Synthesized moving = Synthesized.of(SluiceProps.builder()
                .catalogue(CATALOGUE)
                .jobsTableIndexes(List.of("byTypeState", "failures", "byState")));
        JsonNode jobs = moving.resource(moving.tableId("sluice-jobs")).path("Properties");
        List<String> indexes = new ArrayList<>();
        jobs.path("GlobalSecondaryIndexes")
                .forEach(i -> indexes.add(i.path("IndexName").asText() + " "
                        + i.path("Projection").path("ProjectionType").asText()));
        assertEquals(List.of("byState INCLUDE", "byTypeState ALL", "failures ALL"), indexes);
    }

    @Test
    void eachScheduledTypeGetsAScheduleThatSendsItsEnvelopeToItsFirstPriorityQueue() {
        Map<String, JsonNode> schedules = stack.resources("AWS::Scheduler::Schedule");
        assertEquals(2, schedules.size(), "only report and ledger declare a schedule");
        assertEquals(
                "sluice",
                onlyOne(
                                List.copyOf(stack.resources("AWS::Scheduler::ScheduleGroup")
                                        .values()),
                                "group")
                        .path("Properties")
                        .path("Name")
                        .asText());
        for (String type : List.of("report", "ledger")) {
            var definition = CATALOGUE.require(type);
            JsonNode s = schedules.values().stream()
                    .map(r -> r.path("Properties"))
                    .filter(p -> p.path("Name").asText().equals("sluice-" + type))
                    .findFirst()
                    .orElseThrow();
            assertEquals("sluice", s.path("GroupName").asText());
            assertEquals(
                    definition.schedule().expression(),
                    s.path("ScheduleExpression").asText());
            assertEquals(
                    definition.schedule().timezone(),
                    s.path("ScheduleExpressionTimezone").asText());
            assertEquals("OFF", s.path("FlexibleTimeWindow").path("Mode").asText());
            JsonNode target = s.path("Target");
            String queueName = stack.sluice()
                    .topology()
                    .job(type)
                    .queue(definition.defaultPriority())
                    .name();
            assertTrue(stack.refersTo(target.path("Arn"), stack.queueId(queueName)), type);
            assertEquals(
                    ScheduledEnvelope.forCatalogue("sluice", definition),
                    target.path("Input").asText());
            assertEquals(
                    3600,
                    target.path("RetryPolicy").path("MaximumEventAgeInSeconds").asInt());
            assertEquals(
                    20, target.path("RetryPolicy").path("MaximumRetryAttempts").asInt());
            String dlqId = stack.queueId("sluice-" + type + "-schedule-dlq");
            assertTrue(stack.refersTo(target.path("DeadLetterConfig").path("Arn"), dlqId));
            // The schedule's role: Scheduler of this group only, and sends to that queue and that DLQ only.
            String roleId = stack.referencedId(target.path("RoleArn"));
            assertSchedulerOfTheGroupOnly(roleId);
            List<JsonNode> statements = stack.statementsOfRole(roleId);
            assertEquals(1, statements.size(), statements.toString());
            assertEquals("sqs:SendMessage", statements.get(0).path("Action").asText());
            assertEquals(
                    Set.of(stack.queueId(queueName), dlqId),
                    ids(statements.get(0).path("Resource")));
        }
        JsonNode ledger = schedules.values().stream()
                .map(r -> r.path("Properties"))
                .filter(p -> p.path("Name").asText().equals("sluice-ledger"))
                .findFirst()
                .orElseThrow();
        assertEquals(
                "sluice-ledger",
                ledger.path("Target")
                        .path("SqsParameters")
                        .path("MessageGroupId")
                        .asText(),
                "FIFO needs a group");
        assertEquals("UTC", ledger.path("ScheduleExpressionTimezone").asText());
    }

    @Test
    void aScheduleInputIsAValidEnvelopeOnceSchedulerFillsInTheScheduledTime() throws Exception {
        JsonNode schedule = stack.resources("AWS::Scheduler::Schedule").values().stream()
                .map(r -> r.path("Properties"))
                .filter(p -> p.path("Name").asText().equals("sluice-report"))
                .findFirst()
                .orElseThrow();
        Instant firing = Instant.parse("2026-11-23T06:00:00Z");
        String body = ScheduledEnvelope.substitute(
                schedule.path("Target").path("Input").asText(),
                "arn:aws:scheduler:::schedule/sluice/sluice-report",
                firing,
                "exec-1",
                1);
        JobEnvelope envelope = new EnvelopeParser().parse(body);
        assertEquals("report", envelope.type());
        assertEquals(Priority.NORMAL, envelope.priority());
        assertEquals("sluice-report:2026-11-23T06:00:00Z", envelope.jobId());
        assertEquals(firing, envelope.createdAt());
        assertEquals("{\"kind\":\"daily\"}", envelope.payload().toString());
    }

    @Test
    void theProducerSchedulerRoleMaySendToEveryJobQueueAndItsDeadLetterQueueOnly() {
        String roleId = stack.referencedId(stack.output("ProducerSchedulerRoleArn"));
        assertSchedulerOfTheGroupOnly(roleId);
        Set<String> expected = new HashSet<>();
        stack.sluice().topology().jobs().forEach(j -> j.queues().forEach(q -> expected.add(stack.queueId(q.name()))));
        expected.add(stack.queueId("sluice-schedules-dlq"));
        Set<String> reached = new HashSet<>();
        for (JsonNode s : stack.statementsOfRole(roleId)) {
            assertEquals(
                    Set.of("sqs:SendMessage", "sqs:GetQueueUrl", "sqs:GetQueueAttributes"),
                    Set.copyOf(texts(s.path("Action"))));
            reached.addAll(ids(s.path("Resource")));
        }
        assertEquals(expected, reached);
    }

    @Test
    void producersGetAManagedPolicyToEnqueueAndScheduleAndQueuePoliciesForTheNamedPrincipals() {
        JsonNode policy = stack.resource(stack.referencedId(stack.output("ProducerPolicyArn")))
                .path("Properties");
        assertEquals("sluice-producer", policy.path("ManagedPolicyName").asText());
        Map<String, JsonNode> bySid = new TreeMap<>();
        statements(policy.path("PolicyDocument"))
                .forEach(s -> bySid.put(s.path("Sid").asText(), s));
        assertEquals(
                Set.of(
                        "SendJobs",
                        "ManageRunTimeSchedules",
                        "ListSchedules",
                        "PassSchedulerRole",
                        "KeepCatalogueSchedules",
                        "CancelJobs"),
                bySid.keySet());
        JsonNode cancel = bySid.get("CancelJobs");
        assertEquals(
                List.of("dynamodb:UpdateItem"), texts(cancel.path("Action")), "cancel writes one conditional update");
        assertEquals(
                "[\"JOB#*\"]",
                cancel.path("Condition")
                        .path("ForAllValues:StringLike")
                        .path("dynamodb:LeadingKeys")
                        .toString(),
                "job items only, never idempotency-key or other items");
        assertTrue(cancel.path("Resource").toString().contains("Tables"), "the jobs table: " + cancel.path("Resource"));
        JsonNode keep = bySid.get("KeepCatalogueSchedules");
        assertEquals("Deny", keep.path("Effect").asText());
        String protectedArns = keep.path("Resource").toString();
        assertTrue(
                protectedArns.contains(":schedule/sluice/sluice-report")
                        && protectedArns.contains(":schedule/sluice/sluice-ledger")
                        && !protectedArns.contains("sluice-webhook"),
                "the two scheduled types' schedules, no others: " + protectedArns);
        Set<String> jobQueues = new HashSet<>();
        stack.sluice().topology().jobs().forEach(j -> j.queues().forEach(q -> jobQueues.add(stack.queueId(q.name()))));
        assertEquals(jobQueues, ids(bySid.get("SendJobs").path("Resource")), "job queues only, no DLQ");
        assertTrue(
                bySid.get("ManageRunTimeSchedules").path("Resource").toString().contains(":schedule/sluice/*"));
        assertEquals(
                "scheduler.amazonaws.com",
                bySid.get("PassSchedulerRole")
                        .path("Condition")
                        .path("StringEquals")
                        .path("iam:PassedToService")
                        .asText());
        assertEquals(
                stack.referencedId(stack.output("ProducerSchedulerRoleArn")),
                stack.referencedId(bySid.get("PassSchedulerRole").path("Resource")));

        for (String queueId : jobQueues) {
            JsonNode queuePolicy = stack.resources("AWS::SQS::QueuePolicy").values().stream()
                    .map(r -> r.path("Properties"))
                    .filter(p -> stack.refersToAny(p.path("Queues"), queueId))
                    .findFirst()
                    .orElseThrow();
            JsonNode producers = statements(queuePolicy.path("PolicyDocument")).stream()
                    .filter(s -> s.path("Sid").asText().equals("SluiceProducers"))
                    .findFirst()
                    .orElseThrow();
            String principals = producers.path("Principal").toString();
            assertTrue(
                    principals.contains(":iam::123456789012:root")
                            && principals.contains("arn:aws:iam::210987654321:role/orders-service"),
                    principals);
            assertEquals(
                    Set.of("sqs:SendMessage", "sqs:GetQueueUrl", "sqs:GetQueueAttributes"),
                    Set.copyOf(texts(producers.path("Action"))));
        }
    }

    @Test
    void everyTypeHasThreeAlarmsThatNotifyTheAlarmTopic() {
        String topicId = stack.referencedId(stack.output("AlarmTopicArn"));
        Map<String, JsonNode> byName = new TreeMap<>();
        stack.resources("AWS::CloudWatch::Alarm")
                .values()
                .forEach(a -> byName.put(a.path("Properties").path("AlarmName").asText(), a.path("Properties")));
        assertEquals(4 * 3 + 1, byName.size(), "three per type, one for the run-time schedules' DLQ");
        JsonNode runTime = byName.get("sluice-schedule-dead-letters");
        assertTrue(runTime.toString().contains(stack.queueId("sluice-schedules-dlq")));
        assertTrue(stack.refersToAny(runTime.path("AlarmActions"), topicId));
        for (String type : List.of("report", "ledger")) {
            assertTrue(
                    byName.get("sluice-" + type + "-dead-letters")
                            .path("Metrics")
                            .toString()
                            .contains(stack.queueId("sluice-" + type + "-schedule-dlq")),
                    "a lost firing of " + type + " raises its alarm");
        }
        for (JobTopology job : stack.sluice().topology().jobs()) {
            for (String alarm : List.of("dead-letters", "oldest-message", "error-rate")) {
                JsonNode a = byName.get("sluice-" + job.type() + "-" + alarm);
                assertNotNull(a, job.type() + " " + alarm);
                assertTrue(stack.refersToAny(a.path("AlarmActions"), topicId)
                        && stack.refersToAny(a.path("OKActions"), topicId));
            }
            JsonNode dlq = byName.get("sluice-" + job.type() + "-dead-letters");
            assertEquals(0, dlq.path("Threshold").asInt());
            for (QueueSpec q : job.queues()) {
                assertTrue(
                        dlq.path("Metrics").toString().contains(stack.queueId(q.deadLetterName())), q.deadLetterName());
                assertTrue(byName.get("sluice-" + job.type() + "-oldest-message")
                        .path("Metrics")
                        .toString()
                        .contains(stack.queueId(q.name())));
            }
            String errorRate = byName.get("sluice-" + job.type() + "-error-rate")
                    .path("Metrics")
                    .toString();
            assertTrue(
                    errorRate.contains("\"MetricName\":\"FailedAttempts\"")
                            && errorRate.contains("\"MetricName\":\"Errors\""),
                    errorRate);
        }
        // webhook: the 15 min floor (10 s + 20 s of backoff and 3 x 35 s are less); report: 10 s + 20 s + 3 x 605 s.
        assertEquals(
                900,
                byName.get("sluice-webhook-oldest-message").path("Threshold").asInt());
        assertEquals(
                1845,
                byName.get("sluice-report-oldest-message").path("Threshold").asInt());
        assertEquals(
                10, byName.get("sluice-webhook-error-rate").path("Threshold").asInt());
    }

    @Test
    void theAlarmTopicIsEncryptedAndMailsTheGivenAddress() {
        JsonNode topic = stack.resource(stack.referencedId(stack.output("AlarmTopicArn")))
                .path("Properties");
        assertEquals("sluice-alarms", topic.path("TopicName").asText());
        assertTrue(topic.has("KmsMasterKeyId"));
        JsonNode subscription = onlyOne(
                        List.copyOf(stack.resources("AWS::SNS::Subscription").values()), "subscription")
                .path("Properties");
        assertEquals("email", subscription.path("Protocol").asText());
        assertEquals("ops@example.com", subscription.path("Endpoint").asText());
    }

    @Test
    void theDashboardShowsEveryTypesQueuesFunctionAndSluiceMetrics() {
        String body = onlyOne(
                        List.copyOf(
                                stack.resources("AWS::CloudWatch::Dashboard").values()),
                        "dashboard")
                .path("Properties")
                .path("DashboardBody")
                .toString();
        for (JobTopology job : stack.sluice().topology().jobs()) {
            for (String title : List.of(
                    "queue depth",
                    "age of oldest message (s)",
                    "dead-letter queue depth",
                    "invocations, errors, throttles",
                    "function duration (ms)",
                    "concurrent executions",
                    "jobs",
                    "job duration (ms)",
                    "queue latency p90 by priority (ms)")) {
                assertTrue(
                        body.contains("\\\"title\\\":\\\"" + job.type() + ": " + title + "\\\""),
                        job.type() + ": " + title);
            }
            for (QueueSpec q : job.queues()) {
                assertTrue(
                        body.contains(stack.queueId(q.name())) && body.contains(stack.queueId(q.deadLetterName())),
                        q.name());
            }
        }
        for (JobMetric m : List.of(
                JobMetric.SUCCEEDED,
                JobMetric.FAILED_ATTEMPTS,
                JobMetric.RETRIED,
                JobMetric.DEAD_LETTERED,
                JobMetric.DEFERRED,
                JobMetric.DURATION,
                JobMetric.QUEUE_LATENCY)) {
            assertTrue(body.contains("\\\"Sluice\\\",\\\"" + m.metricName() + "\\\""), m.metricName());
        }
        assertTrue(body.contains("\\\"alarms\\\":["), "alarm status widget");
    }

    @Test
    void outputsNameEveryQueueUrlTheTablesAndTheDashboard() {
        for (JobTopology job : stack.sluice().topology().jobs()) {
            for (QueueSpec q : job.queues()) {
                JsonNode url = stack.output(
                        Sluice.queueUrlOutputId(job.type(), q.priority().wireName()));
                assertEquals(stack.queueId(q.name()), url.path("Ref").asText());
            }
        }
        assertTrue(stack.json().path("Outputs").has("QueueUrlWebhookHigh"));
        assertEquals(
                stack.tableId("sluice-jobs"),
                stack.output("JobsTableName").path("Ref").asText());
        assertEquals(
                stack.tableId("sluice-rate-limits"),
                stack.output("RateLimitsTableName").path("Ref").asText());
        assertTrue(stack.output("DashboardUrl").toString().contains("#dashboards:name=sluice"));
        assertEquals("sluice", stack.output("ScheduleGroupName").asText());
    }

    @Test
    void theBundledAppKeepsTheLogicalIdsItsResourcesHadWhenTheStackBuiltThem() {
        // From the template of the stack before Sluice was a construct in it. A changed logical id would make
        // CloudFormation create a second resource with the same name (which fails) and delete the first.
        Map<String, String> named = new TreeMap<>(Map.ofEntries(
                Map.entry("Tablessluicejobs4DC611D9", "AWS::DynamoDB::Table sluice-jobs"),
                Map.entry("Tablessluiceratelimits1D3CD4E3", "AWS::DynamoDB::Table sluice-rate-limits"),
                Map.entry("SchedulesGroupD276B6F4", "AWS::Scheduler::ScheduleGroup sluice"),
                Map.entry("SchedulesRunTimeDeadLettersA1DDCA88", "AWS::SQS::Queue sluice-schedules-dlq"),
                Map.entry("SchedulesreportScheduleBB2AF20A", "AWS::Scheduler::Schedule sluice-report"),
                Map.entry("SchedulesreportDeadLetters4EA014E3", "AWS::SQS::Queue sluice-report-schedule-dlq"),
                Map.entry("JobswebhookQueueshigh17112FBB", "AWS::SQS::Queue sluice-webhook-high"),
                Map.entry("JobswebhookQueueshighdlq613D06C6", "AWS::SQS::Queue sluice-webhook-high-dlq"),
                Map.entry("JobswebhookFunctionF9E1A96C", "AWS::Lambda::Function sluice-webhook"),
                Map.entry("JobswebhookAlarmsDeadLettersFD2853EB", "AWS::CloudWatch::Alarm sluice-webhook-dead-letters"),
                Map.entry(
                        "JobswebhookAlarmsOldestMessageEE95A90D",
                        "AWS::CloudWatch::Alarm sluice-webhook-oldest-message"),
                Map.entry("JobswebhookAlarmsErrorRate956AA455", "AWS::CloudWatch::Alarm sluice-webhook-error-rate")));
        named.forEach((id, expected) -> {
            JsonNode p = stack.resource(id).path("Properties");
            String name = p.path("TableName")
                    .asText(p.path("Name")
                            .asText(p.path("QueueName")
                                    .asText(p.path("FunctionName")
                                            .asText(p.path("AlarmName").asText()))));
            assertEquals(expected, stack.resource(id).path("Type").asText() + " " + name, id);
        });
        Map<String, String> unnamed = Map.of(
                "AlarmTopicC2164170", "AWS::SNS::Topic",
                "AlarmTopicKeyBA1A4AA7", "AWS::KMS::Key",
                "SchedulesProducerRole22A3CF7D", "AWS::IAM::Role",
                "JobswebhookFunctionRole6B6ECF7B", "AWS::IAM::Role",
                "JobswebhookFunctionAliasC3D29865", "AWS::Lambda::Alias",
                "JobswebhookFunctionAliasSqsEventSourceSluiceJobswebhookQueueshighA94BD58FB9C51D6C",
                        "AWS::Lambda::EventSourceMapping",
                "ProducersPolicy523748E6", "AWS::IAM::ManagedPolicy",
                "Dashboard7A714131", "AWS::CloudWatch::Dashboard");
        unnamed.forEach(
                (id, type) -> assertEquals(type, stack.resource(id).path("Type").asText(), id));
        assertEquals(
                stack.tableId("sluice-jobs"),
                stack.output("JobsTableName").path("Ref").asText());
        assertEquals(
                stack.queueId("sluice-webhook-high"),
                stack.output("QueueUrlWebhookHigh").path("Ref").asText());
        for (String output : List.of(
                "RateLimitsTableName",
                "DashboardUrl",
                "DashboardName",
                "AlarmTopicArn",
                "ProducerPolicyArn",
                "ScheduleGroupName",
                "ProducerSchedulerRoleArn",
                "ScheduleDeadLetterQueueArn")) {
            stack.output(output);
        }
    }

    @Test
    void cdkNagReportsNothingUnsuppressed() {
        Annotations annotations = Annotations.fromStack(stack.stack());
        assertEquals(
                List.of(),
                annotations.findError("*", Match.anyValue()).stream()
                        .map(m -> m.getId() + " " + m.getEntry().getData())
                        .toList());
        assertEquals(
                List.of(),
                annotations.findWarning("*", Match.anyValue()).stream()
                        .map(m -> m.getId() + " " + m.getEntry().getData())
                        .toList());
    }

    @Test
    void everySuppressionNamesItsRuleAndASpecificReason() {
        List<JsonNode> suppressions = new ArrayList<>();
        stack.json()
                .path("Resources")
                .forEach(r -> r.path("Metadata")
                        .path("cdk_nag")
                        .path("rules_to_suppress")
                        .forEach(suppressions::add));
        assertFalse(suppressions.isEmpty());
        for (JsonNode s : suppressions) {
            assertTrue(s.path("id").asText().startsWith("AwsSolutions-"), s.toString());
            assertTrue(s.path("reason").asText().length() >= 80, "reason too short to be specific: " + s);
        }
    }

    private void assertSchedulerOfTheGroupOnly(String roleId) {
        JsonNode trust = statements(stack.resource(roleId).path("Properties").path("AssumeRolePolicyDocument"))
                .get(0);
        assertEquals(
                "scheduler.amazonaws.com",
                trust.path("Principal").path("Service").asText());
        JsonNode condition = trust.path("Condition").path("StringEquals");
        assertEquals(
                "{\"Ref\":\"AWS::AccountId\"}",
                condition.path("aws:SourceAccount").toString());
        String groupId = onlyOne(
                List.copyOf(stack.resources("AWS::Scheduler::ScheduleGroup").keySet()), "group");
        assertTrue(stack.refersTo(condition.path("aws:SourceArn"), groupId), condition.toString());
    }

    private Set<String> ids(JsonNode resources) {
        Set<String> ids = new HashSet<>();
        list(resources).forEach(r -> ids.add(stack.referencedId(r)));
        return ids;
    }

    static List<JsonNode> statements(JsonNode document) {
        return list(document.path("Statement"));
    }

    static List<JsonNode> list(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(out::add);
        } else if (!node.isMissingNode()) {
            out.add(node);
        }
        return out;
    }

    static List<String> texts(JsonNode node) {
        return list(node).stream()
                .map(n -> n.isTextual() ? n.asText() : n.toString())
                .toList();
    }

    static <T> T onlyOne(List<T> items, String what) {
        assertEquals(1, items.size(), "expected one " + what + ": " + items);
        return items.get(0);
    }
}
