package io.sluice.store;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Every legal change of a job's state, in one table, which the DynamoDB store's conditional writes are
 * built from ({@link TransitionConditions}): the claim may take a job in any state that may move to
 * {@link JobState#RUNNING}; a write by the attempt holding the claim moves the job out of running; any
 * other write may move it only from the states listed here, and from running only to what
 * {@link #mayEndALapsedRun} allows once the run's claim lapsed (a live claim's holder alone moves a running job).
 * {@link #check} throws, naming both states, for a move not in the table.
 *
 * <p>Dead-lettered jobs may run again: an operator who fixed the cause redrives them from the DLQ. A
 * succeeded job may run again only after its idempotency window expired, and a running one only after its
 * claim lapsed; those two conditions are the claim's guards ({@link ClaimWriter}), not rows of this table.
 */
public final class JobStateTransitions {
    private static final Map<JobState, Set<JobState>> ALLOWED = new EnumMap<>(JobState.class);

    static {
        // Not started yet (a producer recorded it): claimed, or refused or held back before any attempt.
        ALLOWED.put(
                JobState.RECEIVED,
                EnumSet.of(
                        JobState.RUNNING,
                        JobState.DEFERRED,
                        JobState.DEAD_LETTERED,
                        JobState.DUPLICATE_SKIPPED,
                        JobState.CANCELLED));
        // The claim's holder ends its attempt in one of four ways; another claim may take over a lapsed one.
        ALLOWED.put(
                JobState.RUNNING,
                EnumSet.of(
                        JobState.SUCCEEDED,
                        JobState.RETRYING,
                        JobState.DEFERRED,
                        JobState.DEAD_LETTERED,
                        JobState.RUNNING));
        // Waiting for its backoff: the retry's claim, or a copy of the message deferred, refused or found a duplicate.
        ALLOWED.put(
                JobState.RETRYING,
                EnumSet.of(
                        JobState.RUNNING,
                        JobState.DEFERRED,
                        JobState.DEAD_LETTERED,
                        JobState.DUPLICATE_SKIPPED,
                        JobState.CANCELLED));
        ALLOWED.put(
                JobState.DEFERRED,
                EnumSet.of(
                        JobState.RUNNING,
                        JobState.DEFERRED,
                        JobState.DEAD_LETTERED,
                        JobState.DUPLICATE_SKIPPED,
                        JobState.CANCELLED));
        // Runs again once its idempotency window is over; until then a copy is a duplicate and leaves it succeeded.
        ALLOWED.put(JobState.SUCCEEDED, EnumSet.of(JobState.RUNNING));
        // Redriven from the DLQ: it runs, is deferred, is refused again, or its key succeeded meanwhile.
        ALLOWED.put(
                JobState.DEAD_LETTERED,
                EnumSet.of(JobState.RUNNING, JobState.DEFERRED, JobState.DEAD_LETTERED, JobState.DUPLICATE_SKIPPED));
        // Runs once its key's window is over; a redelivered copy keeps the first record.
        ALLOWED.put(JobState.DUPLICATE_SKIPPED, EnumSet.of(JobState.RUNNING));
        // Cancelled before it started: nothing moves it; its message is acknowledged unrun.
        ALLOWED.put(JobState.CANCELLED, EnumSet.noneOf(JobState.class));
    }

    /** What a delivery without the claim may record over a run whose claim lapsed (its holder crashed or timed out). */
    private static final Set<JobState> ENDS_A_LAPSED_RUN =
            EnumSet.of(JobState.DEFERRED, JobState.DEAD_LETTERED, JobState.DUPLICATE_SKIPPED);

    private JobStateTransitions() {}

    /**
     * Whether a write without the claim may move a job whose run's claim lapsed to {@code to}: deferred, dead-lettered
     * or a duplicate of a key another job completed meanwhile, so history does not say running until its TTL.
     * Never succeeded or retrying: only a run's holder records how its run went.
     */
    public static boolean mayEndALapsedRun(JobState to) {
        return ENDS_A_LAPSED_RUN.contains(to);
    }

    public static boolean allowed(JobState from, JobState to) {
        return ALLOWED.get(from).contains(to);
    }

    /** The states a job may be in for a move to {@code to}, in declaration order. */
    public static Set<JobState> from(JobState to) {
        Set<JobState> sources = EnumSet.noneOf(JobState.class);
        ALLOWED.forEach((from, targets) -> {
            if (targets.contains(to)) {
                sources.add(from);
            }
        });
        return sources;
    }

    /** Throws if the move is not in the table. */
    public static void check(JobState from, JobState to) {
        if (!allowed(from, to)) {
            throw new IllegalStateException("a job cannot move from " + from.wireName() + " to " + to.wireName());
        }
    }
}
