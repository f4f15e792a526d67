package io.sluice.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.catalogue.Catalogue;
import io.sluice.catalogue.JobDefinition;
import io.sluice.catalogue.JobDefinitionBuilder;
import io.sluice.catalogue.ScheduleSpec;
import io.sluice.envelope.EnvelopeParser;
import io.sluice.envelope.JobEnvelope;
import io.sluice.envelope.SluiceJson;
import io.sluice.job.Priority;
import io.sluice.moto.TableCreator;
import io.sluice.testing.LocalSqs;
import io.sluice.testing.MotoDynamoDb;
import io.sluice.topology.JobsTable;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The producer client against ElasticMQ: what it sends for each option, and that every refused call sends
 * nothing. Jobs due later than SQS can delay them go through the Scheduler; those paths are proven end to end
 * against sluice-local's scheduler in the local module.
 */
class SluiceClientTest {
    private static final Instant NOW = Instant.parse("2026-11-28T09:00:00.250Z");
    private static final JobDefinition REPORT = JobDefinitionBuilder.job("report")
            .handlerClass(ReportJob.class.getName())
            .payloadClass(ReportJob.Payload.class.getName())
            .validatorClass(ReportJob.Validator.class.getName())
            .priorities(Priority.NORMAL, Priority.HIGH)
            .build();
    private static final JobDefinition ORDERED = JobDefinitionBuilder.job("ordered")
            .handlerClass(ReportJob.class.getName())
            .payloadClass(ReportJob.Payload.class.getName())
            .validatorClass(ReportJob.Validator.class.getName())
            .fifo(true)
            .build();
    private static final JobDefinition BROKEN = JobDefinitionBuilder.job("broken")
            .handlerClass(BrokenJob.class.getName())
            .payloadClass(ReportJob.Payload.class.getName())
            .validatorClass(ReportJob.Validator.class.getName())
            .build();
    private static final JobDefinition DIGEST = JobDefinitionBuilder.job("digest")
            .handlerClass(ReportJob.class.getName())
            .payloadClass(ReportJob.Payload.class.getName())
            .validatorClass(ReportJob.Validator.class.getName())
            .schedule(new ScheduleSpec("rate(1 hour)", "UTC", "{\"report\":\"daily\",\"copies\":1}"))
            .build();

    private static LocalSqs sqs;

    @RegisterExtension
    static final MotoDynamoDb dynamoDb = new MotoDynamoDb();

    private static String normal;
    private static String high;
    private static String fifo;
    private SluiceClient client;

    @BeforeAll
    static void startSqs() {
        sqs = LocalSqs.start();
        new TableCreator(dynamoDb.client()).createIfMissing(JobsTable.spec("sluice"));
        normal = sqs.queue("sluice-report-normal", 15).url();
        high = sqs.queue("sluice-report-high", 15).url();
        fifo = sqs.client()
                .createQueue(r -> r.queueName("sluice-ordered-normal.fifo")
                        .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true")))
                .queueUrl();
    }

    @AfterAll
    static void stopSqs() {
        sqs.close();
    }

    @BeforeEach
    void newClient() {
        for (String url : List.of(normal, high, fifo)) {
            sqs.client().purgeQueue(r -> r.queueUrl(url));
        }
        client = SluiceClient.builder()
                .catalogue(new Catalogue(List.of(REPORT, ORDERED, DIGEST, BROKEN)))
                .sqs(sqs.client())
                .dynamoDb(dynamoDb.client())
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build();
    }

    @Test
    void enqueueSendsAValidEnvelopeToTheTypesDefaultPriority() throws Exception {
        JobReceipt receipt = client.enqueue(
                "report",
                new ReportJob.Payload("sales", 2),
                EnqueueOptions.defaults().idempotencyKey("sales-2026-11").source("billing"));

        JobEnvelope envelope = only(normal);
        assertEquals(receipt.jobId(), envelope.jobId());
        assertEquals("report", envelope.type());
        assertEquals(Priority.NORMAL, envelope.priority());
        assertEquals("sales", envelope.payload().get("report").asText());
        assertEquals(2, envelope.payload().get("copies").asInt());
        assertEquals("sales-2026-11", envelope.idempotencyKey());
        assertEquals("billing", envelope.source());
        assertEquals(NOW, envelope.createdAt());
        assertEquals(NOW, receipt.runAt());
        assertFalse(receipt.scheduled());
    }

    @Test
    void aPriorityPicksItsQueueAndAJsonStringOrTreeIsAPayloadToo() throws Exception {
        client.enqueue(
                "report",
                "{\"report\":\"ops\",\"copies\":1}",
                EnqueueOptions.defaults().priority(Priority.HIGH).jobId("ops-1"));
        JsonNode tree = SluiceJson.mapper().readTree("{\"report\":\"ops\",\"copies\":3}");
        client.enqueue(
                "report",
                tree,
                EnqueueOptions.defaults().priority(Priority.HIGH).jobId("ops-2"));

        Set<String> ids = new HashSet<>();
        for (Message m : sqs.receive(high, 10, 1)) {
            ids.add(new EnvelopeParser().parse(m.body()).jobId());
        }
        assertEquals(Set.of("ops-1", "ops-2"), ids);
        assertEquals(0, depth(normal));
    }

    @Test
    void aDelayWithinFifteenMinutesWaitsInSqs() {
        JobReceipt receipt = client.enqueue(
                "report",
                new ReportJob.Payload("sales", 1),
                EnqueueOptions.defaults().delay(Duration.ofMinutes(10)));

        assertEquals(NOW.plus(Duration.ofMinutes(10)), receipt.runAt());
        assertNull(receipt.scheduleName());
        assertEquals("1", attribute(normal, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED));
        assertTrue(sqs.receive(normal, 10, 0).isEmpty(), "a delayed job is not visible before its time");
    }

    @Test
    void aFifoJobCarriesItsGroupAndDeduplicatesOnItsJobId() throws Exception {
        EnqueueOptions options = EnqueueOptions.defaults().groupId("customer-7").jobId("order-1");
        client.enqueue("ordered", new ReportJob.Payload("invoice", 1), options);
        client.enqueue("ordered", new ReportJob.Payload("invoice", 1), options);

        List<Message> messages = sqs.receive(fifo, 10, 1);
        assertEquals(1, messages.size(), "a re-sent job id is deduplicated by SQS");
        assertEquals("customer-7", messages.get(0).attributesAsStrings().get("MessageGroupId"));
    }

    @Test
    void bulkEnqueueSendsEveryJobInBatches() throws Exception {
        List<ReportJob.Payload> payloads = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            payloads.add(new ReportJob.Payload("r" + i, 1));
        }
        List<JobReceipt> receipts = client.enqueueAll("report", payloads, EnqueueOptions.defaults());

        assertEquals(25, receipts.size());
        Set<String> sentIds = new HashSet<>();
        receipts.forEach(r -> sentIds.add(r.jobId()));
        Set<String> receivedIds = new HashSet<>();
        for (int round = 0; round < 10 && receivedIds.size() < 25; round++) {
            for (Message m : sqs.receive(normal, 10, 1)) {
                receivedIds.add(new EnvelopeParser().parse(m.body()).jobId());
            }
        }
        assertEquals(sentIds, receivedIds);
    }

    @Test
    void bulkEnqueueChecksEveryJobBeforeSendingAny() {
        List<ReportJob.Payload> payloads =
                List.of(new ReportJob.Payload("a", 1), new ReportJob.Payload("b", 1), new ReportJob.Payload("c", 0));
        JobRejectedException e = assertThrows(
                JobRejectedException.class, () -> client.enqueueAll("report", payloads, EnqueueOptions.defaults()));

        assertEquals("payloads[2]: invalid payload: copies: must be between 1 and 10", e.getMessage());
        assertEquals(0, depth(normal));
    }

    @Test
    void badInputIsRefusedWithAClearMessageAndNothingIsSent() {
        ReportJob.Payload ok = new ReportJob.Payload("sales", 1);
        assertRefused(
                "unknown job type 'reprot'; the catalogue has: broken, digest, ordered, report",
                () -> client.enqueue("reprot", ok));
        assertRefused(
                "job type 'report' does not take priority low; it takes [normal, high]",
                () -> client.enqueue("report", ok, EnqueueOptions.defaults().priority(Priority.LOW)));
        assertRefused(
                "invalid payload: copies: must be between 1 and 10",
                () -> client.enqueue("report", new ReportJob.Payload("x", 11)));
        assertRefused(
                "invalid payload: payload.pages: unknown field; Payload has: copies, layout, report",
                () -> client.enqueue("report", "{\"report\":\"x\",\"copies\":1,\"pages\":3}"));
        assertRefused(
                "invalid payload: payload.layout.papr: unknown field; Layout has: paper",
                () -> client.enqueue("report", "{\"report\":\"x\",\"copies\":1,\"layout\":{\"papr\":\"A4\"}}"));
        assertRefused("payload must be a JSON object, was array", () -> client.enqueue("report", "[1]"));
        assertRefused(
                "runAt 2026-11-28T08:59:00.250Z is in the past (now 2026-11-28T09:00:00.250Z)",
                () -> client.enqueue("report", ok, EnqueueOptions.defaults().runAt(NOW.minusSeconds(60))));
        assertRefused(
                "give either delay or runAt, not both",
                () -> client.enqueue(
                        "report",
                        ok,
                        EnqueueOptions.defaults().runAt(NOW.plusSeconds(60)).delay(Duration.ofSeconds(5))));
        assertRefused(
                "delay must not be negative, was PT-5S",
                () -> client.enqueue("report", ok, EnqueueOptions.defaults().delay(Duration.ofSeconds(-5))));
        assertRefused(
                "jobId 'two words' must be 1 to 128 letters, digits or _ . : - starting with a letter or digit",
                () -> client.enqueue("report", ok, EnqueueOptions.defaults().jobId("two words")));
        assertRefused(
                "job type 'ordered' is FIFO: groupId is required, 1 to 128 printable ASCII characters (jobs of one group run in order)",
                () -> client.enqueue("ordered", ok));
        assertRefused(
                "groupId is only for FIFO job types; 'report' is not FIFO",
                () -> client.enqueue("report", ok, EnqueueOptions.defaults().groupId("g")));
        assertRefused(
                "jobId 'a:b' cannot name a one-time schedule: for jobs due in more than 15 minutes (or delayed FIFO jobs) it must be at"
                        + " most 60 letters, digits, '.', '_' or '-'",
                () -> client.enqueue(
                        "report", ok, EnqueueOptions.defaults().jobId("a:b").delay(Duration.ofHours(2))));
        String big = "x".repeat(SluiceClient.MAX_MESSAGE_BYTES);
        JobRejectedException tooBig =
                assertThrows(JobRejectedException.class, () -> client.enqueue("report", new ReportJob.Payload(big, 1)));
        assertTrue(tooBig.getMessage().startsWith("the job's envelope is "), tooBig.getMessage());
        assertEquals(0, depth(normal) + depth(high) + depth(fifo));
    }

    @Test
    void badSchedulesAreRefusedBeforeSchedulerIsCalled() {
        ReportJob.Payload ok = new ReportJob.Payload("sales", 1);
        assertRefused(
                "schedule name 'nightly report' must be 1 to 64 letters, digits, '.', '_' or '-'",
                () -> client.schedule("nightly report", "rate(1 day)", "UTC", "report", ok));
        assertRefused(
                "schedule name 'job-7' must not start with 'job-': that prefix belongs to one-time job schedules",
                () -> client.schedule("job-7", "rate(1 day)", "UTC", "report", ok));
        assertRefused(
                "schedule 'sluice-digest' is declared by a job type's @Job(schedule = ...); change it there and redeploy",
                () -> client.unschedule("sluice-digest"));
        assertRefused(
                "timezone 'Europe/Atlantis' is not an IANA time zone id such as UTC or Europe/Paris",
                () -> client.schedule("nightly", "cron(0 2 * * ? *)", "Europe/Atlantis", "report", ok));
        assertRefused(
                "unknown job type 'nope'; the catalogue has: broken, digest, ordered, report",
                () -> client.schedule("nightly", "cron(0 2 * * ? *)", "UTC", "nope", ok));
        JobRejectedException once = assertThrows(
                JobRejectedException.class,
                () -> client.schedule("nightly", "at(2026-12-01T00:00:00)", "UTC", "report", ok));
        assertTrue(once.getMessage().contains("runs once"), once.getMessage());
        JobRejectedException badCron = assertThrows(
                JobRejectedException.class,
                () -> client.schedule("nightly", "cron(0 25 * * ? *)", "UTC", "report", ok));
        assertTrue(badCron.getMessage().contains("hours"), badCron.getMessage());
    }

    @Test
    void cancelRecordsACancellationForAJobThatHasNotStartedAndRefusesOneThatHas() {
        SchedulerClient noSchedules =
                closeRecording(SchedulerClient.class, new ArrayList<>(), (proxy, method, args) -> {
                    throw ResourceNotFoundException.builder()
                            .message("no such schedule")
                            .build();
                });
        SluiceClient client = SluiceClient.builder()
                .catalogue(new Catalogue(List.of(REPORT, ORDERED, DIGEST, BROKEN)))
                .sqs(sqs.client())
                .scheduler(noSchedules)
                .dynamoDb(dynamoDb.client())
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build();
        client.enqueue(
                "report",
                new ReportJob.Payload("sales", 1),
                EnqueueOptions.defaults().jobId("queued-1"));
        assertTrue(client.cancel("queued-1"), "a job waiting in SQS can be cancelled");
        var record = dynamoDb.client()
                .getItem(r -> r.tableName(JobsTable.name("sluice"))
                        .key(Map.of(
                                "pk",
                                software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("JOB#queued-1"))))
                .item();
        assertEquals("cancelled", record.get("state").s());
        assertEquals("queued-1", record.get("jobId").s());

        dynamoDb.client()
                .putItem(r -> r.tableName(JobsTable.name("sluice"))
                        .item(Map.of(
                                "pk",
                                        software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(
                                                "JOB#running-1"),
                                "state",
                                        software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(
                                                "running"))));
        assertFalse(client.cancel("running-1"), "a running job cannot be cancelled");
        assertFalse(client.cancel("queued-1"), "nor one already cancelled");
    }

    @Test
    void aPayloadIsNeverSentUncheckedAndTextIsReadExactly() {
        // BrokenJob's constructor fails without its setting: the producer never creates it, yet checks the payload.
        JobRejectedException checked =
                assertThrows(JobRejectedException.class, () -> client.enqueue("broken", new ReportJob.Payload("x", 0)));
        assertTrue(checked.getMessage().contains("copies: must be between 1 and 10"), checked.getMessage());
        JobRejectedException twice = assertThrows(
                JobRejectedException.class,
                () -> client.enqueue("report", "{\"report\":\"a\",\"report\":\"b\",\"copies\":1}"));
        assertTrue(twice.getMessage().startsWith("payload is not JSON: Duplicate field 'report'"), twice.getMessage());
        assertRefused(
                "idempotencyKey cannot be given for a bulk enqueue: one key for every job would let only one of them run;"
                        + " enqueue them one by one with their own keys",
                () -> client.enqueueAll(
                        "report",
                        List.of(new ReportJob.Payload("a", 1), new ReportJob.Payload("b", 1)),
                        EnqueueOptions.defaults().idempotencyKey("same")));
        assertRefused(
                "timezone '+02:00' is not an IANA time zone id such as UTC or Europe/Paris",
                () -> client.schedule(
                        "nightly", "cron(0 2 * * ? *)", "+02:00", "report", new ReportJob.Payload("x", 1)));
        assertEquals(0, depth(normal));
    }

    @Test
    void aJobDueLaterThanSqsCanDelayNeedsTheSchedulerRole() {
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> client.enqueue(
                        "report",
                        new ReportJob.Payload("q4", 1),
                        EnqueueOptions.defaults().runAt(NOW.plus(Duration.ofMinutes(20)))));
        assertTrue(e.getMessage().startsWith("no scheduler role"), e.getMessage());
        assertEquals(0, depth(normal));
    }

    @Test
    void closingTheClientClosesNeitherAwsClientItWasGiven() {
        List<String> closed = new ArrayList<>();
        SqsClient givenSqs = closeRecording(SqsClient.class, closed, (proxy, method, args) -> {
            try {
                return method.invoke(sqs.client(), args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
        SchedulerClient givenScheduler = closeRecording(SchedulerClient.class, closed, (proxy, method, args) -> {
            throw ResourceNotFoundException.builder()
                    .message("no such schedule")
                    .build();
        });
        SluiceClient shortLived = SluiceClient.builder()
                .catalogue(new Catalogue(List.of(REPORT)))
                .sqs(givenSqs)
                .scheduler(givenScheduler)
                .dynamoDb(dynamoDb.client())
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build();
        shortLived.enqueue("report", new ReportJob.Payload("sales", 1));
        assertTrue(shortLived.cancel("nothing-waits"), "a cancel reaches the Scheduler client it was given");

        shortLived.close();

        assertEquals(List.of(), closed, "the caller made them, the caller closes them");
        assertEquals(1, depth(normal));
    }

    /** A {@code type} whose {@code close()} is only recorded in {@code closed}; every other call goes to {@code rest}. */
    private static <T> T closeRecording(Class<T> type, List<String> closed, InvocationHandler rest) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getName().equals("close")) {
                closed.add(type.getSimpleName());
                return null;
            }
            return rest.invoke(proxy, method, args);
        }));
    }

    private static void assertRefused(String message, org.junit.jupiter.api.function.Executable call) {
        JobRejectedException e = assertThrows(JobRejectedException.class, call);
        assertEquals(message, e.getMessage());
    }

    private static JobEnvelope only(String url) throws Exception {
        List<Message> messages = sqs.receive(url, 10, 1);
        assertEquals(1, messages.size());
        return new EnvelopeParser().parse(messages.get(0).body());
    }

    private static int depth(String url) {
        return Integer.parseInt(attribute(url, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attribute(url, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED));
    }

    private static String attribute(String url, QueueAttributeName name) {
        return sqs.client()
                .getQueueAttributes(r -> r.queueUrl(url).attributeNames(name))
                .attributes()
                .get(name);
    }
}
