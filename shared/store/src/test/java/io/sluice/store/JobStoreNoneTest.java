package io.sluice.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.job.Priority;
import io.sluice.store.JobStore.Claim;
import io.sluice.store.JobStore.JobRef;
import io.sluice.store.JobStore.Unrecorded;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link JobStore#NONE}: what a runtime without a jobs table does. */
class JobStoreNoneTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final JobRef JOB = new JobRef("job-1", "testjob", Priority.NORMAL, "key-1", T0);

    @Test
    void grantsEveryClaimUnrecordedEvenTheSameOneTwice() {
        Claim claim = new Claim(JOB, "hash", T0, T0.plusSeconds(30));
        assertInstanceOf(Unrecorded.class, JobStore.NONE.claim(claim));
        assertInstanceOf(Unrecorded.class, JobStore.NONE.claim(claim), "no claim is kept, so none is ever in progress");
    }

    @Test
    void dropsEveryWriteAndFindsNothing() {
        JobStore.NONE.deferred(JOB, T0, T0.plusSeconds(60));
        JobStore.NONE.duplicateSkipped(JOB, T0, "job-0");
        JobStore.NONE.deadLettered(JOB, null, null, T0, "invalid-payload", "payload is missing");

        assertTrue(JobStore.NONE.get("job-1").isEmpty());
        assertEquals(
                List.of(),
                JobStore.NONE.list("testjob", JobState.DEFERRED, 10, null).items());
        assertEquals(
                List.of(),
                JobStore.NONE
                        .failures(T0.minusSeconds(60), T0.plusSeconds(60), 10, null)
                        .items());
        Page<JobRecord> searched = JobStore.NONE.search(JobSearch.ofType("testjob"), 10, null);
        assertEquals(List.of(), searched.items());
        assertNull(searched.nextPageToken());
    }
}
