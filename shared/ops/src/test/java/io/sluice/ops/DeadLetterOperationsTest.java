package io.sluice.ops;

import static io.sluice.ops.OperationsFixture.deadLetter;
import static io.sluice.ops.OperationsFixture.depth;
import static io.sluice.ops.OperationsFixture.envelope;
import static io.sluice.ops.OperationsFixture.visible;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.envelope.DeadLetterReason;
import io.sluice.envelope.SluiceJson;
import io.sluice.job.Priority;
import io.sluice.moto.TableCreator;
import io.sluice.store.DiscardRecords;
import io.sluice.store.DynamoDbJobStore;
import io.sluice.store.JobState;
import io.sluice.store.JobStore;
import io.sluice.testing.LocalSqs;
import io.sluice.testing.MotoDynamoDb;
import io.sluice.topology.JobsTable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageRequest;
import software.amazon.awssdk.services.sqs.model.Message;

/** Dead-letter listing, redrive and discard on real queues (ElasticMQ) with history on moto. */
class DeadLetterOperationsTest {
    @RegisterExtension
    static final MotoDynamoDb dynamoDb = new MotoDynamoDb();

    private static LocalSqs local;
    private static SqsClient sqs;
    private static LocalSqs.Queue normal;
    private static LocalSqs.Queue high;
    private static SluiceOperations ops;

    @BeforeAll
    static void start() {
        local = LocalSqs.start();
        sqs = local.client();
        normal = local.queue("sluice-report-normal", 13);
        high = local.queue("sluice-report-high", 13);
        new TableCreator(dynamoDb.client()).createIfMissing(JobsTable.spec("sluice"));
        ops = SluiceOperations.builder()
                .app("sluice")
                .clients(OperationsFixture.clients(sqs, dynamoDb.client()))
                .build();
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    @BeforeEach
    void emptyQueues() {
        for (String url : List.of(normal.url(), normal.deadLetterUrl(), high.url(), high.deadLetterUrl())) {
            sqs.purgeQueue(r -> r.queueUrl(url));
        }
    }

    @Test
    void listingShowsReasonAttemptsAndJobIdWithoutConsumingOrShowingThePayload() {
        deadLetter(sqs, normal.deadLetterUrl(), envelope("job-a", 2), "max-attempts", 3);
        deadLetter(sqs, high.deadLetterUrl(), "not json {", "malformed-json", 0);

        DeadLetterPage page = ops.deadLetters("report", null, DeadLetterFilter.ALL, 100, false);

        assertEquals(2, page.deadLetters().size());
        assertEquals(2, page.approximateTotal());
        DeadLetter a = page.deadLetters().stream()
                .filter(d -> "job-a".equals(d.jobId()))
                .findFirst()
                .orElseThrow();
        assertEquals("max-attempts", a.reason());
        assertEquals("max-attempts: detail", a.detail());
        assertEquals(3, a.attempts());
        assertEquals(Priority.NORMAL, a.priority());
        assertNull(a.body(), "the payload is shown only on request");
        DeadLetter unparsed = page.deadLetters().stream()
                .filter(d -> d.jobId() == null)
                .findFirst()
                .orElseThrow();
        assertEquals("malformed-json", unparsed.reason());
        assertEquals(Priority.HIGH, unparsed.priority());
        // Not consumed, and visible again at once for the next reader.
        assertEquals(1, visible(sqs, normal.deadLetterUrl()));
        assertEquals(1, visible(sqs, high.deadLetterUrl()));
        assertEquals(
                envelope("job-a", 2),
                ops.deadLetter("report", "job-a", true).body(),
                "the body is there when asked for");
        assertEquals(
                "not json {",
                ops.deadLetter("report", unparsed.messageId(), true).body());
    }

    @Test
    void aSelectiveRedriveMovesExactlyTheChosenReasonWithAFreshAttemptBudget() {
        deadLetter(sqs, normal.deadLetterUrl(), envelope("job-1", 2), "max-attempts", 3);
        deadLetter(sqs, normal.deadLetterUrl(), envelope("job-2", 0), "invalid-payload", 0);
        deadLetter(sqs, normal.deadLetterUrl(), envelope("job-3", 2), "max-attempts", 3);

        RedriveResult result = ops.redrive("report", null, DeadLetterFilter.byReason("max-attempts"), 100);

        assertEquals(Set.of("job-1", "job-3"), Set.copyOf(result.moved()));
        assertTrue(result.failed().isEmpty(), result.failed().toString());
        List<Message> back = local.receive(normal.url(), 10, 1);
        assertEquals(2, back.size());
        for (Message m : back) {
            JsonNode envelope = readTree(m.body());
            assertEquals(0, envelope.path("attempt").asInt(), "a fresh attempt budget");
            assertFalse(m.messageAttributes().containsKey(DeadLetterReason.ATTRIBUTE));
            assertFalse(m.messageAttributes().containsKey(DeadLetterReason.ATTEMPTS_ATTRIBUTE));
            assertEquals("trace-1", m.messageAttributes().get("producer-trace").stringValue(), "producer's kept");
        }
        DeadLetterPage left = ops.deadLetters("report", null, DeadLetterFilter.ALL, 100, false);
        assertEquals(1, left.deadLetters().size());
        assertEquals("job-2", left.deadLetters().get(0).jobId());
    }

    @Test
    void aRedriveOfMoreThanABatchMovesEveryChosenMessageExactlyOnce() {
        for (int i = 0; i < 23; i++) {
            deadLetter(sqs, normal.deadLetterUrl(), envelope("bulk-" + i, 2), "max-attempts", 3);
        }
        deadLetter(sqs, normal.deadLetterUrl(), envelope("other", 0), "invalid-payload", 0);

        RedriveResult result = ops.redrive("report", null, DeadLetterFilter.byReason("max-attempts"), 100);

        assertEquals(23, result.moved().size());
        assertEquals(23, Set.copyOf(result.moved()).size());
        Set<String> back = new java.util.HashSet<>();
        for (List<Message> batch = local.receive(normal.url(), 10, 1);
                !batch.isEmpty();
                batch = local.receive(normal.url(), 10, 1)) {
            batch.forEach(m -> back.add(readTree(m.body()).path("jobId").asText()));
        }
        assertEquals(Set.copyOf(result.moved()), back);
        assertEquals(1, depth(sqs, normal.deadLetterUrl()), "the other reason stays");
    }

    @Test
    void aRedriveByJobIdMovesThatJobAloneFromWhicheverPriorityHoldsIt() {
        deadLetter(sqs, high.deadLetterUrl(), envelope("job-h", 1), "permanent-failure", 1);
        deadLetter(sqs, normal.deadLetterUrl(), envelope("job-n", 1), "permanent-failure", 1);

        RedriveResult result = ops.redrive("report", null, DeadLetterFilter.byIds(Set.of("job-h")), 100);

        assertEquals(List.of("job-h"), result.moved());
        assertEquals(1, local.receive(high.url(), 10, 1).size());
        assertEquals(0, depth(sqs, normal.url()));
        assertEquals(1, depth(sqs, normal.deadLetterUrl()));
        assertEquals(0, depth(sqs, high.deadLetterUrl()));
    }

    @Test
    void aProcessThatDiesBetweenSendAndDeleteLeavesTheJobInBothQueuesNeverInNone() {
        deadLetter(sqs, normal.deadLetterUrl(), envelope("job-crash", 2), "max-attempts", 3);
        AtomicBoolean deleteAttempted = new AtomicBoolean();
        ExecutionInterceptor dieOnDelete = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof DeleteMessageRequest
                        || context.request() instanceof DeleteMessageBatchRequest) {
                    deleteAttempted.set(true);
                    throw new IllegalStateException("the process died here");
                }
            }
        };
        try (SqsClient dying = OperationsFixture.sqs(local, dieOnDelete)) {
            SluiceOperations crashing = SluiceOperations.builder()
                    .app("sluice")
                    .clients(OperationsFixture.clients(dying, dynamoDb.client()))
                    .build();

            assertThrows(
                    IllegalStateException.class,
                    () -> crashing.redrive("report", null, DeadLetterFilter.byReason("max-attempts"), 100));
        }

        assertTrue(deleteAttempted.get(), "the delete came after the send");
        assertEquals(1, depth(sqs, normal.url()), "the copy is in the source queue");
        assertEquals(1, depth(sqs, normal.deadLetterUrl()), "the original is still in the dead-letter queue");
    }

    @Test
    void redrivingEverythingUsesSqsMoveTaskToTheSourceQueue() throws InterruptedException {
        deadLetter(sqs, normal.deadLetterUrl(), envelope("job-x", 0), "runtime-error", 0);
        deadLetter(sqs, normal.deadLetterUrl(), envelope("job-y", 0), "invalid-payload", 0);

        RedriveResult result = ops.redrive("report", Priority.NORMAL, DeadLetterFilter.ALL, 100);

        assertEquals(1, result.moveTasks().size());
        assertEquals(2, result.approximateMessages());
        // The move runs in the background: wait for its outcome (bounded), not for a time.
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (depth(sqs, normal.url()) < 2 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(2, depth(sqs, normal.url()));
        assertEquals(0, depth(sqs, normal.deadLetterUrl()));
    }

    @Test
    void aDiscardRecordsItInTheJobsHistoryBeforeDeletingIt() {
        DynamoDbJobStore store =
                new DynamoDbJobStore(dynamoDb.client(), JobsTable.name("sluice"), JobStore.Retention.DEFAULT);
        Instant now = Instant.now();
        JobStore.JobRef job = new JobStore.JobRef("job-d", "report", Priority.NORMAL, null, now);
        JobStore.Claimed claim =
                (JobStore.Claimed) store.claim(new JobStore.Claim(job, "hash", now, now.plusSeconds(60)));
        store.deadLettered(job, claim, now, now, "permanent-failure", "the report no longer exists");
        deadLetter(sqs, normal.deadLetterUrl(), envelope("job-d", 1), "permanent-failure", 1);
        deadLetter(sqs, normal.deadLetterUrl(), "garbage", "malformed-json", 0);
        deadLetter(sqs, normal.deadLetterUrl(), envelope("job-keep", 1), "max-attempts", 3);

        DiscardResult result = ops.discard(
                "report",
                null,
                new DeadLetterFilter(Set.of("permanent-failure", "malformed-json"), Set.of(), null),
                "report deleted upstream",
                100);

        assertEquals(2, result.discarded().size());
        assertEquals(List.of("job-d"), result.recorded(), "only the job with history gets a record");
        assertEquals(1, depth(sqs, normal.deadLetterUrl()));
        assertNotNull(new DiscardRecords(dynamoDb.client(), JobsTable.name("sluice"))
                .discardedAt("job-d")
                .orElse(null));
        JobView view = ops.job("job-d");
        assertEquals("discarded", view.location());
        assertEquals(JobState.DEAD_LETTERED, view.history().state());
    }

    @Test
    void aDiscardWithoutASelectionIsRefusedNamingHowToSelect() {
        OperationException e = assertThrows(
                OperationException.class, () -> ops.discard("report", null, DeadLetterFilter.ALL, null, 100));
        assertEquals(OperationException.Kind.INVALID, e.kind());
        assertTrue(e.getMessage().contains("needs a selection"), e.getMessage());
    }

    @Test
    void anUnknownTypeOrPriorityIsRefusedNamingWhatThereIs() {
        OperationException type = assertThrows(
                OperationException.class, () -> ops.deadLetters("nope", null, DeadLetterFilter.ALL, 10, false));
        assertEquals(OperationException.Kind.INVALID, type.kind());
        assertTrue(type.getMessage().contains("unknown job type 'nope'; the catalogue has: report"), type.getMessage());
        OperationException priority = assertThrows(
                OperationException.class,
                () -> ops.deadLetters("report", Priority.LOW, DeadLetterFilter.ALL, 10, false));
        assertTrue(priority.getMessage().contains("does not take priority low"), priority.getMessage());
    }

    @Test
    void anAgeSelectionLeavesYoungerDeadLettersWhereTheyAre() {
        deadLetter(sqs, normal.deadLetterUrl(), envelope("job-young", 0), "max-attempts", 3);

        RedriveResult result =
                ops.redrive("report", null, new DeadLetterFilter(Set.of(), Set.of(), Duration.ofHours(1)), 100);

        assertTrue(result.moved().isEmpty());
        assertEquals(1, visible(sqs, normal.deadLetterUrl()));
    }

    private static JsonNode readTree(String body) {
        try {
            return SluiceJson.mapper().readTree(body);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
