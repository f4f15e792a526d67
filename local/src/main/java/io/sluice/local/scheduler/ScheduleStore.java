package io.sluice.local.scheduler;

/**
 * Where the local scheduler keeps its schedules and groups between runs: the whole {@link SchedulerSnapshot}
 * is read once at start and written after every change (a local scheduler holds tens of schedules, not
 * millions, so whole writes are cheap and can never leave half a change behind).
 */
public interface ScheduleStore {

    /** What was saved last, or an empty snapshot the first time. */
    SchedulerSnapshot load();

    /** Replaces what is saved with {@code snapshot}, atomically. */
    void save(SchedulerSnapshot snapshot);

    /** A store that keeps nothing: schedules live as long as the process, as they do without a data directory. */
    static ScheduleStore inMemory() {
        return new ScheduleStore() {
            @Override
            public SchedulerSnapshot load() {
                return SchedulerSnapshot.empty();
            }

            @Override
            public void save(SchedulerSnapshot snapshot) {
                // Nothing outlives the process without a data directory.
            }
        };
    }
}
