package io.sluice.store;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Every legal change of a job's state, in one table. The DynamoDB store's conditional writes encode the
 * same table (a claim is allowed only from the states that may move to {@link JobState#RUNNING}), and
 * {@link #check} throws, naming both states, for anything else.
 *
 * <p>Dead-lettered jobs may run again: an operator who fixed the cause redrives them from the DLQ.
 * A succeeded job may run again only after its idempotency window expired.
 */
public final class JobStateTransitions {
    private static final Map<JobState, Set<JobState>> ALLOWED = new EnumMap<>(JobState.class);

    static {
        ALLOWED.put(JobState.RECEIVED, EnumSet.of(JobState.RUNNING, JobState.DEFERRED, JobState.DEAD_LETTERED, JobState.DUPLICATE_SKIPPED));
        ALLOWED.put(JobState.RUNNING, EnumSet.of(JobState.SUCCEEDED, JobState.RETRYING, JobState.DEFERRED, JobState.DEAD_LETTERED, JobState.RUNNING));
        ALLOWED.put(JobState.RETRYING, EnumSet.of(JobState.RUNNING, JobState.DEFERRED, JobState.DEAD_LETTERED, JobState.DUPLICATE_SKIPPED));
        ALLOWED.put(JobState.DEFERRED, EnumSet.of(JobState.RUNNING, JobState.DEFERRED, JobState.DEAD_LETTERED, JobState.DUPLICATE_SKIPPED));
        ALLOWED.put(JobState.SUCCEEDED, EnumSet.of(JobState.RUNNING));
        ALLOWED.put(JobState.DEAD_LETTERED, EnumSet.of(JobState.RUNNING, JobState.DEFERRED, JobState.DEAD_LETTERED));
        ALLOWED.put(JobState.DUPLICATE_SKIPPED, EnumSet.of(JobState.RUNNING, JobState.DUPLICATE_SKIPPED));
    }

    private JobStateTransitions() {
    }

    public static boolean allowed(JobState from, JobState to) {
        return ALLOWED.get(from).contains(to);
    }

    /** The states a job may be in for a move to {@code to}. */
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
