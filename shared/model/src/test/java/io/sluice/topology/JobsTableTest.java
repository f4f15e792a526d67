package io.sluice.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The jobs table's keys: no index partition shared by every job of a type, none shared across priorities. */
class JobsTableTest {
    @Test
    void jobsOfOneTypeAndStateSpreadOverEveryShardOfTheirPriority() {
        Set<String> partitions = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            String id = UUID.randomUUID().toString();
            partitions.add(JobsTable.stateShard("webhook", "succeeded", "low", JobsTable.shard(id)));
        }
        assertEquals(JobsTable.SHARDS, partitions.size());
        assertTrue(partitions.contains("webhook#succeeded#low#0"));
    }

    @Test
    void aHighPriorityJobNeverSharesAPartitionWithALowPriorityOne() {
        String id = "same-id";
        assertNotEquals(
                JobsTable.stateShard("webhook", "succeeded", "high", JobsTable.shard(id)),
                JobsTable.stateShard("webhook", "succeeded", "low", JobsTable.shard(id)));
    }

    @Test
    void aJobsShardIsTheSameOnEveryWriteAndDeadLettersAreShardedByDayAndPriority() {
        assertEquals(JobsTable.shard("job-42"), JobsTable.shard("job-42"));
        assertEquals(
                "2031-03-01#high#" + JobsTable.shard("job-42"),
                JobsTable.failedShard(Instant.parse("2031-03-01T23:59:59.999Z"), "high", JobsTable.shard("job-42")));
    }

    @Test
    void theIndexesProjectOnlyWhatTheirQueriesFilterOn() {
        TableSpec spec = JobsTable.spec("shop");
        assertEquals("shop-jobs", spec.name());
        assertEquals(
                TableSpec.Projection.include("source"),
                spec.index(JobsTable.BY_STATE).projection());
        assertEquals(
                TableSpec.Projection.keysOnly(),
                spec.index(JobsTable.DEAD_LETTERS).projection());
        assertEquals(
                TableSpec.Projection.keysOnly(),
                spec.index(JobsTable.BY_IDEMPOTENCY_KEY).projection());
    }
}
