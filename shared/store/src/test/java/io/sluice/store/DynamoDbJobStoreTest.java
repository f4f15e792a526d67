package io.sluice.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.job.Priority;
import io.sluice.moto.DynamoDbRequestCounter;
import io.sluice.moto.TableCreator;
import io.sluice.moto.WriteRecorder;
import io.sluice.store.JobStore.Claim;
import io.sluice.store.JobStore.ClaimResult;
import io.sluice.store.JobStore.Claimed;
import io.sluice.store.JobStore.Duplicate;
import io.sluice.store.JobStore.InProgress;
import io.sluice.store.JobStore.JobRef;
import io.sluice.store.JobStore.KeyConflict;
import io.sluice.testing.MotoDynamoDb;
import io.sluice.topology.JobsTable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Job history and idempotency against a real DynamoDB API (moto); time is passed in, never slept. */
class DynamoDbJobStoreTest {
    private static final Instant T0 =
            Instant.parse("2096-11-23T10:00:00Z"); // future: the emulator sweeps TTL-expired items by the real clock

    @RegisterExtension
    static final MotoDynamoDb dynamoDb = new MotoDynamoDb();

    private static DynamoDbClient client;
    private static DynamoDbRequestCounter counter;
    private static DynamoDbJobStore store;

    @BeforeAll
    static void start() throws Exception {
        counter = new DynamoDbRequestCounter();
        client = dynamoDb.client(counter);
        new TableCreator(dynamoDb.client()).createIfMissing(JobsTable.spec("test"));
        store = new DynamoDbJobStore(client, JobsTable.name("test"), JobStore.Retention.DEFAULT);
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
    }

    private static JobRef job(String type) {
        return new JobRef("job-" + UUID.randomUUID(), type, Priority.NORMAL, null, T0.minusSeconds(3));
    }

    private static Claim claim(JobRef job, String hash, Instant now) {
        return new Claim(job, hash, now, now.plusSeconds(30));
    }

    @Test
    void aFirstTimeSuccessCostsThreeWriteUnitsAsAwsBillsThemARetriedOneMore() {
        WriteRecorder recorder = new WriteRecorder(dynamoDb.client(), JobsTable.spec("test"));
        counter.attach(recorder);
        try {
            JobRef first = job("mail");
            Claimed claimed =
                    assertInstanceOf(Claimed.class, store.claim(new Claim(first, "h1", T0, T0.plusSeconds(30), false)));
            store.succeeded(claimed, T0, T0.plusMillis(250), "HTTP 204");
            WriteRecorder.Tally firstTime = recorder.item(JobsTable.jobPartition(first.jobId()));
            assertEquals(2, firstTime.tableUnits(), "claim + success, each under 1 KB");
            assertEquals(1, firstTime.indexUnits(), "one byState entry, put by the success");

            JobRef retried = job("mail");
            Claimed one = assertInstanceOf(
                    Claimed.class, store.claim(new Claim(retried, "h1", T0, T0.plusSeconds(30), false)));
            store.failed(one, T0, T0.plusMillis(100), "HTTP 503", T0.plusSeconds(1));
            Claimed two = assertInstanceOf(
                    Claimed.class, store.claim(new Claim(retried, "h1", T0.plusSeconds(1), T0.plusSeconds(31), true)));
            store.succeeded(two, T0.plusSeconds(1), T0.plusSeconds(2), "HTTP 204");
            WriteRecorder.Tally again = recorder.item(JobsTable.jobPartition(retried.jobId()));
            assertEquals(4, again.tableUnits());
            // retrying: put 1; the redelivery lists it running: delete + put 2; success: delete + put 2
            assertEquals(5, again.indexUnits());
        } finally {
            counter.detach(recorder);
        }
    }

    @Test
    void happyPathIsOneClaimAndOneCompletionTwoWritesInAll() {
        JobRef job = job("mail");
        long before = counter.writes();
        Claimed claimed = assertInstanceOf(Claimed.class, store.claim(claim(job, "h1", T0)));
        store.succeeded(claimed, T0, T0.plusMillis(250), "HTTP 204");

        assertEquals(2, counter.writes() - before, "claim + success");
        JobRecord record = store.get(job.jobId()).orElseThrow();
        assertEquals(JobState.SUCCEEDED, record.state());
        assertEquals(1, claimed.attempt());
        assertEquals("HTTP 204", record.result());
        assertEquals(Duration.ofMillis(250), record.duration());
        assertEquals(Duration.ofSeconds(3), record.queueLatency());
        assertEquals(T0.minusSeconds(3), record.createdAt());
        assertEquals(T0, record.startedAt());
        assertEquals(T0.plusMillis(250), record.finishedAt());
        assertEquals(List.of(new AttemptRecord(1, T0, T0.plusMillis(250), "succeeded", null)), record.attempts());
        assertEquals(T0.plus(Duration.ofDays(30)), record.expiresAt());
    }

    @Test
    void fiveConcurrentClaimsOfOneJobGrantExactlyOne() throws Exception {
        JobRef job = job("mail");
        ExecutorService pool = Executors.newFixedThreadPool(5);
        List<Future<ClaimResult>> results = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            results.add(pool.submit((Callable<ClaimResult>) () -> store.claim(claim(job, "h1", T0))));
        }
        List<ClaimResult> all = new ArrayList<>();
        for (Future<ClaimResult> f : results) {
            all.add(f.get());
        }
        pool.shutdown();

        assertEquals(1, all.stream().filter(r -> r instanceof Claimed).count());
        assertEquals(4, all.stream().filter(r -> r instanceof InProgress).count());
        Claimed winner = (Claimed)
                all.stream().filter(r -> r instanceof Claimed).findFirst().orElseThrow();
        store.succeeded(winner, T0, T0.plusSeconds(1), "done");
        Duplicate duplicate = assertInstanceOf(Duplicate.class, store.claim(claim(job, "h1", T0.plusSeconds(2))));
        assertEquals("done", duplicate.result());
        assertEquals(job.jobId(), duplicate.originalJobId());
    }

    @Test
    void aClaimThatWasNeverCompletedCanBeRetakenOnlyAfterItsInProgressExpiry() {
        JobRef job = job("mail");
        Claimed crashed = assertInstanceOf(Claimed.class, store.claim(new Claim(job, "h1", T0, T0.plusSeconds(30))));

        InProgress early = assertInstanceOf(InProgress.class, store.claim(claim(job, "h1", T0.plusSeconds(29))));
        assertEquals(T0.plusSeconds(30), early.until());
        Claimed retaken = assertInstanceOf(Claimed.class, store.claim(claim(job, "h1", T0.plusSeconds(31))));
        assertEquals(2, retaken.attempt(), "the crashed run counts as an attempt");

        // The crashed run cannot complete over the new claim.
        store.succeeded(crashed, T0, T0.plusSeconds(40), "late");
        assertEquals(JobState.RUNNING, store.get(job.jobId()).orElseThrow().state());
    }

    @Test
    void aFailedRunReleasesItsClaimSoTheJobCanBeRetried() {
        JobRef job = job("mail");
        Claimed first = assertInstanceOf(Claimed.class, store.claim(claim(job, "h1", T0)));
        store.failed(first, T0, T0.plusSeconds(1), "HTTP 503 from example.com", T0.plusSeconds(11));

        JobRecord retrying = store.get(job.jobId()).orElseThrow();
        assertEquals(JobState.RETRYING, retrying.state());
        assertEquals(T0.plusSeconds(11), retrying.runAt());
        assertEquals("HTTP 503 from example.com", retrying.attempts().get(0).error());

        Claimed second = assertInstanceOf(Claimed.class, store.claim(claim(job, "h1", T0.plusSeconds(11))));
        assertEquals(2, second.attempt());
        store.succeeded(second, T0.plusSeconds(11), T0.plusSeconds(12), "ok");
        JobRecord done = store.get(job.jobId()).orElseThrow();
        assertEquals(JobState.SUCCEEDED, done.state());
        assertEquals(
                List.of("failed", "succeeded"),
                done.attempts().stream().map(AttemptRecord::outcome).toList());
    }

    @Test
    void reusingAKeyWithAnotherPayloadIsAConflictNamingTheFirstJob() {
        String key = "order-" + UUID.randomUUID();
        JobRef first = new JobRef("a-" + UUID.randomUUID(), "mail", Priority.HIGH, key, T0);
        JobRef second = new JobRef("b-" + UUID.randomUUID(), "mail", Priority.HIGH, key, T0);
        JobRef third = new JobRef("c-" + UUID.randomUUID(), "mail", Priority.HIGH, key, T0);
        Claimed claimed = assertInstanceOf(Claimed.class, store.claim(claim(first, "payload-1", T0)));
        store.succeeded(claimed, T0, T0.plusSeconds(1), "sent");

        KeyConflict conflict =
                assertInstanceOf(KeyConflict.class, store.claim(claim(second, "payload-2", T0.plusSeconds(5))));
        assertEquals(first.jobId(), conflict.originalJobId());
        Duplicate duplicate =
                assertInstanceOf(Duplicate.class, store.claim(claim(third, "payload-1", T0.plusSeconds(5))));
        assertEquals(first.jobId(), duplicate.originalJobId());
        assertEquals("sent", duplicate.result());

        store.duplicateSkipped(third, T0.plusSeconds(5), duplicate.originalJobId());
        JobRecord skipped = store.get(third.jobId()).orElseThrow();
        assertEquals(JobState.DUPLICATE_SKIPPED, skipped.state());
        assertEquals(first.jobId(), skipped.duplicateOf());
    }

    @Test
    void explicitKeyHappyPathStaysWithinTwoWrites() {
        JobRef job = new JobRef("k-" + UUID.randomUUID(), "mail", Priority.LOW, "key-" + UUID.randomUUID(), T0);
        long before = counter.writes();
        Claimed claimed = assertInstanceOf(Claimed.class, store.claim(claim(job, "h", T0)));
        store.succeeded(claimed, T0, T0.plusSeconds(1), "ok");
        assertEquals(2, counter.writes() - before, "one transaction to claim, one to complete");
        assertEquals(JobState.SUCCEEDED, store.get(job.jobId()).orElseThrow().state());
    }

    @Test
    void aSucceededJobRunsAgainOnlyAfterItsIdempotencyWindow() {
        JobRef job = job("mail");
        store.succeeded(
                assertInstanceOf(Claimed.class, store.claim(claim(job, "h1", T0))), T0, T0.plusSeconds(1), "ok");

        assertInstanceOf(Duplicate.class, store.claim(claim(job, "h1", T0.plus(Duration.ofHours(23)))));
        assertInstanceOf(Claimed.class, store.claim(claim(job, "h1", T0.plus(Duration.ofHours(25)))));
    }

    @Test
    void redeliveriesOfASucceededJobAreCountedAsSkippedDuplicates() {
        JobRef job = job("mail");
        store.succeeded(
                assertInstanceOf(Claimed.class, store.claim(claim(job, "h1", T0))), T0, T0.plusSeconds(1), "ok");
        store.duplicateSkipped(job, T0.plusSeconds(2), job.jobId());
        store.duplicateSkipped(job, T0.plusSeconds(3), job.jobId());

        JobRecord record = store.get(job.jobId()).orElseThrow();
        assertEquals(JobState.SUCCEEDED, record.state());
        assertEquals(2, record.duplicatesSkipped());
    }

    @Test
    void deferredJobsShowWhenTheyWillRun() {
        JobRef job = job("tweet");
        store.deferred(job, T0, T0.plusSeconds(1800));
        JobRecord record = store.get(job.jobId()).orElseThrow();
        assertEquals(JobState.DEFERRED, record.state());
        assertEquals(T0.plusSeconds(1800), record.runAt());
        assertEquals(List.of(), record.attempts(), "a deferral is not an attempt");
    }

    @Test
    void listsJobsOfATypeInAStateNewestFirstInPages() {
        String type = "list-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            JobRef job = new JobRef("l" + i + "-" + UUID.randomUUID(), type, Priority.NORMAL, null, T0);
            Claimed c = assertInstanceOf(Claimed.class, store.claim(claim(job, "h", T0.plusSeconds(i))));
            store.succeeded(c, T0.plusSeconds(i), T0.plusSeconds(i).plusMillis(10), "ok");
            ids.add(0, job.jobId());
        }
        Page<JobRecord> first = store.list(type, JobState.SUCCEEDED, 2, null);
        Page<JobRecord> second = store.list(type, JobState.SUCCEEDED, 2, first.nextPageToken());
        Page<JobRecord> third = store.list(type, JobState.SUCCEEDED, 2, second.nextPageToken());

        List<String> seen = new ArrayList<>();
        for (Page<JobRecord> p : List.of(first, second, third)) {
            p.items().forEach(r -> seen.add(r.jobId()));
        }
        assertEquals(ids, seen);
        assertEquals(1, third.items().size());
        assertEquals(0, store.list(type, JobState.RUNNING, 10, null).items().size());
    }

    @Test
    void listsFailuresInATimeWindowAcrossDays() {
        Instant day1 = Instant.parse("2031-03-01T23:59:00Z");
        Instant day2 = Instant.parse("2031-03-02T00:01:00Z");
        Instant outside = Instant.parse("2031-03-03T12:00:00Z");
        JobRef a = new JobRef("fa-" + UUID.randomUUID(), "mail", Priority.NORMAL, null, day1);
        JobRef b = new JobRef("fb-" + UUID.randomUUID(), "mail", Priority.NORMAL, null, day2);
        JobRef c = new JobRef("fc-" + UUID.randomUUID(), "mail", Priority.NORMAL, null, outside);
        store.deadLettered(a, null, null, day1, "invalid-payload", "url: is required");
        Claimed bc = assertInstanceOf(Claimed.class, store.claim(claim(b, "h", day2)));
        store.deadLettered(b, bc, day2, day2.plusSeconds(1), "max-attempts", "attempt 1 of 1 failed: boom");
        store.deadLettered(c, null, null, outside, "permanent-failure", "HTTP 404");

        Page<JobRecord> window =
                store.failures(Instant.parse("2031-03-01T00:00:00Z"), Instant.parse("2031-03-03T00:00:00Z"), 10, null);
        assertEquals(
                List.of(b.jobId(), a.jobId()),
                window.items().stream().map(JobRecord::jobId).toList());
        assertNull(window.nextPageToken());
        JobRecord dead = window.items().get(0);
        assertEquals(JobState.DEAD_LETTERED, dead.state());
        assertEquals("max-attempts", dead.deadLetterReason());
        assertEquals("attempt 1 of 1 failed: boom", dead.attempts().get(0).error());

        Page<JobRecord> first =
                store.failures(Instant.parse("2031-03-01T00:00:00Z"), Instant.parse("2031-03-03T00:00:00Z"), 1, null);
        Page<JobRecord> second = store.failures(
                Instant.parse("2031-03-01T00:00:00Z"), Instant.parse("2031-03-03T00:00:00Z"), 1, first.nextPageToken());
        assertEquals(b.jobId(), first.items().get(0).jobId());
        assertEquals(a.jobId(), second.items().get(0).jobId());
        assertTrue(second.nextPageToken() == null
                || store.failures(
                                Instant.parse("2031-03-01T00:00:00Z"),
                                Instant.parse("2031-03-03T00:00:00Z"),
                                1,
                                second.nextPageToken())
                        .items()
                        .isEmpty());
    }

    @Test
    void aRedrivenDeadLetteredJobRunsAgainWithItsWholeBudget() {
        JobRef job = job("mail");
        Claimed first = assertInstanceOf(Claimed.class, store.claim(claim(job, "h1", T0)));
        store.failed(first, T0, T0.plusSeconds(1), "boom", T0.plusSeconds(10));
        Claimed second = assertInstanceOf(Claimed.class, store.claim(claim(job, "h1", T0.plusSeconds(10))));
        assertEquals(2, second.attempt());
        store.deadLettered(
                job, second, T0.plusSeconds(10), T0.plusSeconds(11), "max-attempts", "attempt 2 of 2 failed: boom");

        Claimed redriven = assertInstanceOf(Claimed.class, store.claim(claim(job, "h1", T0.plus(Duration.ofHours(2)))));
        assertEquals(1, redriven.attempt(), "a redriven job starts a new run");
        assertEquals(2, redriven.attemptIndex(), "history keeps every attempt");
        store.succeeded(
                redriven,
                T0.plus(Duration.ofHours(2)),
                T0.plus(Duration.ofHours(2)).plusSeconds(1),
                "ok");
        assertEquals(
                List.of("failed", "dead-lettered", "succeeded"),
                store.get(job.jobId()).orElseThrow().attempts().stream()
                        .map(AttemptRecord::outcome)
                        .toList());
    }

    @Test
    void aLateDeferralOrDuplicateNeverReopensAJobThatSucceededOrIsRunning() {
        JobRef done = job("tweet");
        store.succeeded(
                assertInstanceOf(Claimed.class, store.claim(claim(done, "h1", T0))), T0, T0.plusSeconds(1), "ok");
        store.deferred(done, T0.plusSeconds(5), T0.plusSeconds(60));
        store.deadLettered(done, null, null, T0.plusSeconds(6), "invalid-payload", "late copy");
        assertEquals(JobState.SUCCEEDED, store.get(done.jobId()).orElseThrow().state());
        assertInstanceOf(Duplicate.class, store.claim(claim(done, "h1", T0.plusSeconds(61))), "it must not run again");

        JobRef running = job("tweet");
        assertInstanceOf(Claimed.class, store.claim(claim(running, "h1", T0)));
        store.deferred(running, T0.plusSeconds(1), T0.plusSeconds(60));
        assertEquals(JobState.RUNNING, store.get(running.jobId()).orElseThrow().state());
        assertInstanceOf(InProgress.class, store.claim(claim(running, "h1", T0.plusSeconds(2))));
    }

    @Test
    void aDuplicateOfARunWhoseClaimLapsedEndsThatRunInsteadOfLeavingItRunning() {
        // Job A claims key K and crashes (its claim lasts 30 s); job B, same key, runs and succeeds after A's claim
        // lapsed; A's redelivery is a duplicate of B and must end A's record, not leave it running until the TTL.
        String key = "order-" + UUID.randomUUID();
        JobRef crashed = new JobRef("crashed-" + UUID.randomUUID(), "mail", Priority.NORMAL, key, T0);
        JobRef other = new JobRef("other-" + UUID.randomUUID(), "mail", Priority.NORMAL, key, T0);
        assertInstanceOf(Claimed.class, store.claim(claim(crashed, "h1", T0)));
        store.succeeded(
                assertInstanceOf(Claimed.class, store.claim(claim(other, "h1", T0.plusSeconds(31)))),
                T0.plusSeconds(31),
                T0.plusSeconds(32),
                "sent");

        Duplicate duplicate = assertInstanceOf(Duplicate.class, store.claim(claim(crashed, "h1", T0.plusSeconds(60))));
        store.duplicateSkipped(crashed, T0.plusSeconds(60), duplicate.originalJobId());

        JobRecord ended = store.get(crashed.jobId()).orElseThrow();
        assertEquals(JobState.DUPLICATE_SKIPPED, ended.state());
        assertEquals(other.jobId(), ended.duplicateOf());
    }

    @Test
    void aDeferralOfAJobWhoseRunStillHoldsItsClaimLeavesItRunning() {
        JobRef running = job("tweet");
        assertInstanceOf(Claimed.class, store.claim(claim(running, "h1", T0)));
        store.deferred(running, T0.plusSeconds(29), T0.plusSeconds(90));
        assertEquals(
                JobState.RUNNING, store.get(running.jobId()).orElseThrow().state(), "a live claim is its holder's");

        store.deferred(running, T0.plusSeconds(31), T0.plusSeconds(90));
        assertEquals(
                JobState.DEFERRED, store.get(running.jobId()).orElseThrow().state(), "a lapsed claim no longer is");
    }

    /** A cancellation record as the producer client writes it ({@code JobCancellation}): state cancelled, no run. */
    private static void cancel(String jobId) {
        client.putItem(r -> r.tableName(JobsTable.name("test"))
                .item(Map.of(
                        "pk", AttributeValue.fromS(JobsTable.jobPartition(jobId)),
                        "jobId", AttributeValue.fromS(jobId),
                        "state", AttributeValue.fromS("cancelled"),
                        "finishedAt", AttributeValue.fromS(JobsTable.time(T0)))));
    }

    @Test
    void aCancelledJobIsNeverClaimedWithOrWithoutAnExplicitKey() {
        JobRef plain = job("mail");
        cancel(plain.jobId());
        assertInstanceOf(JobStore.Cancelled.class, store.claim(claim(plain, "h1", T0.plusSeconds(1))));

        JobRef keyed =
                new JobRef("keyed-" + UUID.randomUUID(), "mail", Priority.NORMAL, "order-" + UUID.randomUUID(), T0);
        cancel(keyed.jobId());
        assertInstanceOf(JobStore.Cancelled.class, store.claim(claim(keyed, "h1", T0.plusSeconds(1))));
        assertEquals(JobState.CANCELLED, store.get(keyed.jobId()).orElseThrow().state());
        // The key stays free: another job with it runs.
        JobRef other = new JobRef("other-" + UUID.randomUUID(), "mail", Priority.NORMAL, keyed.idempotencyKey(), T0);
        assertInstanceOf(Claimed.class, store.claim(claim(other, "h1", T0.plusSeconds(2))));
    }

    @Test
    void aRedrivenDeadLetteredJobWhoseKeySucceededMeanwhileIsRecordedAsADuplicate() {
        String key = "order-" + UUID.randomUUID();
        JobRef first = new JobRef("dl-" + UUID.randomUUID(), "mail", Priority.NORMAL, key, T0);
        JobRef second = new JobRef("ok-" + UUID.randomUUID(), "mail", Priority.NORMAL, key, T0);
        Claimed failing = assertInstanceOf(Claimed.class, store.claim(claim(first, "h1", T0)));
        store.deadLettered(first, failing, T0, T0.plusSeconds(1), "max-attempts", "attempt 1 of 1 failed: boom");
        store.succeeded(
                assertInstanceOf(Claimed.class, store.claim(claim(second, "h1", T0.plusSeconds(2)))),
                T0.plusSeconds(2),
                T0.plusSeconds(3),
                "sent");

        Duplicate duplicate = assertInstanceOf(Duplicate.class, store.claim(claim(first, "h1", T0.plusSeconds(60))));
        store.duplicateSkipped(first, T0.plusSeconds(60), duplicate.originalJobId());

        JobRecord redriven = store.get(first.jobId()).orElseThrow();
        assertEquals(
                JobState.DUPLICATE_SKIPPED, redriven.state(), "dead-lettered -> duplicate-skipped is a legal move");
        assertEquals(second.jobId(), redriven.duplicateOf());
    }

    @Test
    void aRedeliveredDuplicateKeepsItsFirstRecord() {
        String key = "order-" + UUID.randomUUID();
        JobRef original = new JobRef("o-" + UUID.randomUUID(), "mail", Priority.NORMAL, key, T0);
        JobRef copy = new JobRef("c-" + UUID.randomUUID(), "mail", Priority.NORMAL, key, T0);
        store.succeeded(
                assertInstanceOf(Claimed.class, store.claim(claim(original, "h1", T0))), T0, T0.plusSeconds(1), "sent");
        store.duplicateSkipped(copy, T0.plusSeconds(5), original.jobId());
        store.duplicateSkipped(copy, T0.plusSeconds(9), original.jobId());

        JobRecord skipped = store.get(copy.jobId()).orElseThrow();
        assertEquals(JobState.DUPLICATE_SKIPPED, skipped.state());
        assertEquals(T0.plusSeconds(5), skipped.finishedAt(), "duplicate-skipped -> duplicate-skipped is not a move");
    }

    @Test
    void historyOutlivesALongerIdempotencyWindow() {
        DynamoDbJobStore longWindow = new DynamoDbJobStore(
                client, JobsTable.name("test"), new JobStore.Retention(Duration.ofDays(7), Duration.ofDays(45)));
        JobRef job = job("mail");
        longWindow.succeeded(
                assertInstanceOf(Claimed.class, longWindow.claim(claim(job, "h1", T0))), T0, T0.plusSeconds(1), "ok");
        assertEquals(
                T0.plusSeconds(1).plus(Duration.ofDays(45)),
                longWindow.get(job.jobId()).orElseThrow().expiresAt());
    }
}
