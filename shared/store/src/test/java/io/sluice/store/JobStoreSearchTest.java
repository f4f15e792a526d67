package io.sluice.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.job.Priority;
import io.sluice.moto.TableCreator;
import io.sluice.store.JobStore.Claim;
import io.sluice.store.JobStore.Claimed;
import io.sluice.store.JobStore.Duplicate;
import io.sluice.store.JobStore.JobRef;
import io.sluice.testing.MotoDynamoDb;
import io.sluice.topology.JobsTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** {@link JobStore#search} against a real DynamoDB API (moto): every filter, the order, paging; time passed in. */
class JobStoreSearchTest {
    private static final Instant T0 = Instant.parse("2096-11-23T10:00:00Z"); // future: moto sweeps TTL by real time

    @RegisterExtension
    static final MotoDynamoDb dynamoDb = new MotoDynamoDb();

    private static DynamoDbClient client;
    private static DynamoDbJobStore store;

    @BeforeAll
    static void start() {
        client = dynamoDb.client();
        new TableCreator(client).createIfMissing(JobsTable.spec("search"));
        store = new DynamoDbJobStore(client, JobsTable.name("search"), JobStore.Retention.DEFAULT);
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    private static String newType() {
        return "t" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static JobRef job(String id, String type, String key, String source) {
        return new JobRef(id, type, Priority.NORMAL, key, T0, source);
    }

    private static Claimed claim(JobRef job, Instant now) {
        return assertInstanceOf(Claimed.class, store.claim(new Claim(job, "h", now, now.plusSeconds(30))));
    }

    /** A job claimed at {@code at} that succeeded a second later. */
    private static JobRef succeeded(String id, String type, String source, Instant at) {
        JobRef job = job(id, type, null, source);
        store.succeeded(claim(job, at), at, at.plusSeconds(1), "ok");
        return job;
    }

    private static List<String> ids(Page<JobRecord> page) {
        return page.items().stream().map(JobRecord::jobId).toList();
    }

    @Test
    void everyStateOfATypeNewestFirstByLastChangeInPages() {
        String type = newType();
        succeeded("s1-" + type, type, null, T0); // last change T0+1s
        JobRef failing = job("f1-" + type, type, null, null);
        store.failed(
                claim(failing, T0.plusSeconds(2)), T0.plusSeconds(2), T0.plusSeconds(3), "boom", T0.plusSeconds(60));
        JobRef running = job("r1-" + type, type, null, null);
        claim(running, T0.plusSeconds(4));
        store.deferred(job("d1-" + type, type, null, null), T0.plusSeconds(5), T0.plusSeconds(600));
        succeeded("s2-" + type, type, null, T0.plusSeconds(5)); // last change T0+6s
        succeeded("other-" + type, newType(), null, T0.plusSeconds(7)); // another type

        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            Page<JobRecord> page = store.search(JobSearch.ofType(type), 2, token);
            seen.addAll(ids(page));
            token = page.nextPageToken();
            pages++;
        } while (token != null);

        assertEquals(List.of("s2-" + type, "d1-" + type, "r1-" + type, "f1-" + type, "s1-" + type), seen);
        assertEquals(3, pages, "2 + 2 + 1");
    }

    @Test
    void oneStateInAWindowStartInclusiveEndExclusive() {
        String type = newType();
        for (int i = 0; i < 4; i++) {
            succeeded("w" + i + "-" + type, type, null, T0.plusSeconds(10L * i)); // last change at 1, 11, 21, 31 s
        }
        JobRef running = job("r-" + type, type, null, null);
        claim(running, T0.plusSeconds(15));

        Page<JobRecord> page = store.search(
                new JobSearch(type, JobState.SUCCEEDED, T0.plusSeconds(11), T0.plusSeconds(31), null, null, null),
                10,
                null);

        assertEquals(List.of("w2-" + type, "w1-" + type), ids(page));
        assertNull(page.nextPageToken());
    }

    @Test
    void bySourceAndJobIdPrefixAcrossPages() {
        String type = newType();
        for (int i = 0; i < 5; i++) {
            succeeded("ord-" + i + "-" + type, type, "shop", T0.plusSeconds(i));
            succeeded("ord-x" + i + "-" + type, type, "billing", T0.plusSeconds(i));
            succeeded("inv-" + i + "-" + type, type, "shop", T0.plusSeconds(i));
        }
        JobSearch search = new JobSearch(type, null, null, null, "shop", null, "ord-");
        Page<JobRecord> first = store.search(search, 3, null);
        Page<JobRecord> second = store.search(search, 3, first.nextPageToken());

        assertEquals(List.of("ord-4-" + type, "ord-3-" + type, "ord-2-" + type), ids(first));
        assertEquals(List.of("ord-1-" + type, "ord-0-" + type), ids(second));
        assertNull(second.nextPageToken());
        assertEquals("shop", first.items().get(0).source(), "the source is recorded from the claim on");
    }

    @Test
    void anIdempotencyKeyFindsEveryJobThatUsedItWhateverItsType() {
        String type = newType();
        String key = "order-" + UUID.randomUUID();
        JobRef first = job("a-" + type, type, key, "shop");
        JobRef second = job("b-" + type, type, key, "shop");
        JobRef third = job("c-" + type, newType(), key, null);
        store.deadLettered(first, claim(first, T0), T0, T0.plusSeconds(1), "max-attempts", "boom");
        store.succeeded(claim(second, T0.plusSeconds(2)), T0.plusSeconds(2), T0.plusSeconds(3), "sent");
        Duplicate duplicate = assertInstanceOf(
                Duplicate.class, store.claim(new Claim(third, "h", T0.plusSeconds(4), T0.plusSeconds(34))));
        store.duplicateSkipped(third, T0.plusSeconds(4), duplicate.originalJobId());
        succeeded("unrelated-" + type, type, "shop", T0.plusSeconds(5));

        assertEquals(
                List.of("c-" + type, "b-" + type, "a-" + type),
                ids(store.search(JobSearch.ofIdempotencyKey(key), 10, null)));
        Page<JobRecord> ofTypeAndKey =
                store.search(new JobSearch(type, JobState.SUCCEEDED, null, null, null, key, null), 10, null);
        assertEquals(List.of("b-" + type), ids(ofTypeAndKey));
        Page<JobRecord> paged = store.search(JobSearch.ofIdempotencyKey(key), 2, null);
        assertEquals(
                List.of("a-" + type), ids(store.search(JobSearch.ofIdempotencyKey(key), 2, paged.nextPageToken())));
    }

    @Test
    void aJobThatIsItsOwnKeyIsFoundByItsId() {
        String type = newType();
        JobRef job = succeeded("own-" + type, type, null, T0);

        assertEquals(List.of(job.jobId()), ids(store.search(JobSearch.ofIdempotencyKey(job.jobId()), 10, null)));
        assertEquals(List.of(), ids(store.search(JobSearch.ofIdempotencyKey("no-such-" + type), 10, null)));
    }

    @Test
    void aFirstDeliverysClaimLeavesTheJobUnlistedAndARedeliverysListsItRunning() {
        String type = newType();
        JobRef fresh = job("fresh-" + type, type, null, null);
        assertInstanceOf(Claimed.class, store.claim(new Claim(fresh, "h", T0, T0.plusSeconds(30), false)));
        JobRef again = job("again-" + type, type, null, null);
        assertInstanceOf(Claimed.class, store.claim(new Claim(again, "h", T0, T0.plusSeconds(30), false)));
        assertInstanceOf(
                Claimed.class,
                store.claim(new Claim(again, "h", T0.plusSeconds(40), T0.plusSeconds(70), true)),
                "the first claim lapsed: a redelivery takes it over");

        assertEquals(
                List.of("again-" + type),
                ids(store.search(new JobSearch(type, JobState.RUNNING, null, null, null, null, null), 10, null)));
        assertEquals(JobState.RUNNING, store.get(fresh.jobId()).orElseThrow().state(), "found by id all the same");
    }

    @Test
    void aDeferredJobRunByAFirstDeliveryIsNotListedAsDeferredWhileItRuns() {
        String type = newType();
        JobRef job = job("d-" + type, type, null, null);
        store.deferred(job, T0, T0.plusSeconds(60));
        JobSearch deferred = new JobSearch(type, JobState.DEFERRED, null, null, null, null, null);
        assertEquals(List.of(job.jobId()), ids(store.search(deferred, 10, null)));

        // The re-sent copy arrives as a new message: a first delivery, whose claim leaves the entry where it was.
        Claimed claimed = assertInstanceOf(
                Claimed.class, store.claim(new Claim(job, "h", T0.plusSeconds(60), T0.plusSeconds(90), false)));
        assertEquals(List.of(), ids(store.search(deferred, 10, null)), "the item says running");
        Page<JobRecord> all = store.search(JobSearch.ofType(type), 10, null);
        assertEquals(
                List.of(JobState.RUNNING),
                all.items().stream().map(JobRecord::state).toList());

        store.succeeded(claimed, T0.plusSeconds(60), T0.plusSeconds(61), "ok");
        assertEquals(
                List.of(job.jobId()),
                ids(store.search(new JobSearch(type, JobState.SUCCEEDED, null, null, null, null, null), 10, null)));
    }

    @Test
    void everyPriorityAndShardIsMergedIntoOneNewestFirstOrder() {
        String type = newType();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 3 * JobsTable.SHARDS; i++) {
            Priority priority = Priority.values()[i % 3];
            JobRef job = new JobRef("m" + i + "-" + type, type, priority, null, T0, null);
            store.succeeded(
                    claim(job, T0.plusMillis(10L * i)), T0.plusMillis(10L * i), T0.plusMillis(10L * i + 5), "ok");
            expected.add(0, job.jobId());
        }
        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            Page<JobRecord> page = store.search(JobSearch.ofType(type), 7, token);
            seen.addAll(ids(page));
            token = page.nextPageToken();
        } while (token != null);
        assertEquals(expected, seen);
    }

    @Test
    void deadLettersOfADayAcrossShardsInPagesThenTheDayBefore() {
        Instant day2 = Instant.parse("2096-12-02T00:00:01Z");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 2 * JobsTable.SHARDS; i++) {
            Instant at = day2.plusSeconds(i);
            JobRef job = new JobRef("dl" + i + "-" + UUID.randomUUID(), "mail", Priority.NORMAL, null, at, null);
            store.deadLettered(job, claim(job, at), at, at, "max-attempts", "boom");
            expected.add(0, job.jobId());
        }
        Instant day1 = day2.minusSeconds(3600);
        JobRef earlier = new JobRef("dl-early-" + UUID.randomUUID(), "mail", Priority.HIGH, null, day1, null);
        store.deadLettered(earlier, null, null, day1, "invalid-payload", "bad");
        expected.add(earlier.jobId());

        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            Page<JobRecord> page = store.failures(day1.minusSeconds(1), day2.plusSeconds(3600), 5, token);
            seen.addAll(ids(page));
            token = page.nextPageToken();
        } while (token != null);
        assertEquals(expected, seen);
        assertEquals(
                "max-attempts",
                store.failures(day2, day2.plusSeconds(1), 5, null)
                        .items()
                        .get(0)
                        .deadLetterReason());
    }

    @Test
    void refusesABadLimitAndAForeignPageToken() {
        JobSearch search = JobSearch.ofType(newType());
        assertEquals(
                "a page's limit must be 1 to 1000 jobs, not 0",
                assertThrows(IllegalArgumentException.class, () -> store.search(search, 0, null))
                        .getMessage());
        String listToken = PageTokens.encode(java.util.Map.of("typeState", JobsTableEncoding.text("x#running")));
        assertEquals(
                "page token '" + listToken + "' was not issued by a job search",
                assertThrows(IllegalArgumentException.class, () -> store.search(search, 10, listToken))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> store.search(search, 10, "%%%"));
    }
}
