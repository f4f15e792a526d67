package io.sluice.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.sluice.job.Priority;
import io.sluice.moto.TableCreator;
import io.sluice.store.DynamoDbJobStore;
import io.sluice.store.JobStore;
import io.sluice.testing.MotoDynamoDb;
import io.sluice.topology.JobsTable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The last hour as the status and the console read it, from real history on moto: one read of a window gives the
 * summary and the per-minute counts, and both count the same jobs.
 */
class JobHistoryTest {
    @RegisterExtension
    static final MotoDynamoDb dynamoDb = new MotoDynamoDb();

    private static final Instant NOW = Instant.parse("2026-12-02T10:30:20Z");
    private static DynamoDbJobStore store;

    @BeforeAll
    static void createTable() {
        new TableCreator(dynamoDb.client()).createIfMissing(JobsTable.spec("sluice"));
        store = new DynamoDbJobStore(dynamoDb.client(), JobsTable.name("sluice"), JobStore.Retention.DEFAULT);
    }

    /** A report job that failed once at {@code failedAt} (if given) and succeeded at {@code at}. */
    private static void succeeded(String type, Instant failedAt, Instant at) {
        JobStore.JobRef job =
                new JobStore.JobRef("j-" + UUID.randomUUID(), type, Priority.NORMAL, null, at.minusSeconds(60));
        if (failedAt != null) {
            JobStore.Claimed first = (JobStore.Claimed)
                    store.claim(new JobStore.Claim(job, "h", failedAt.minusMillis(50), failedAt.plusSeconds(30)));
            store.failed(first, failedAt.minusMillis(50), failedAt, "HTTP 503", at.minusMillis(100));
        }
        JobStore.Claimed claim =
                (JobStore.Claimed) store.claim(new JobStore.Claim(job, "h", at.minusMillis(20), at.plusSeconds(30)));
        store.succeeded(claim, at.minusMillis(20), at, "ok");
    }

    @Test
    void oneReadGivesTheSummaryAndTheMinutesTheyCountTheSameJobs() {
        String type = "report-" + UUID.randomUUID().toString().substring(0, 8);
        succeeded(type, null, NOW.minus(Duration.ofMinutes(50)));
        succeeded(type, null, NOW.minus(Duration.ofMinutes(2)));
        succeeded(type, NOW.minus(Duration.ofMinutes(2)).minusSeconds(5), NOW.minus(Duration.ofMinutes(2)));
        succeeded(type, null, NOW.minus(Duration.ofMinutes(90))); // before the window
        JobHistory history = new JobHistory(store);

        JobHistory.Recent recent = history.recent(type, NOW.minus(Duration.ofHours(1)), NOW);
        HistorySummary summary = history.summary(recent);
        Activity activity = history.activity(type, recent);

        assertEquals(3, summary.succeeded());
        assertEquals(1, summary.failedAttempts());
        assertEquals(
                3, activity.succeeded().stream().mapToInt(Integer::intValue).sum());
        assertEquals(
                1,
                activity.failedAttempts().stream().mapToInt(Integer::intValue).sum());
        assertEquals(61, activity.minutes().size(), "09:30 to 10:30 inclusive, one bucket a minute");
        assertEquals(Instant.parse("2026-12-02T09:30:00Z"), activity.minutes().get(0));
        int twoMinutesAgo = activity.minutes().indexOf(Instant.parse("2026-12-02T10:28:00Z"));
        assertEquals(2, activity.succeeded().get(twoMinutesAgo));
        assertEquals(1, activity.failedAttempts().get(twoMinutesAgo));
        assertEquals(1, activity.succeeded().get(activity.minutes().indexOf(Instant.parse("2026-12-02T09:40:00Z"))));
        assertEquals(
                List.of(), activity.deadLettered().stream().filter(n -> n > 0).toList());
        assertFalse(activity.capped());
    }
}
