package io.sluice.local.scheduler;

/**
 * Where the local scheduler keeps its schedules and groups between runs. The whole {@link SchedulerSnapshot} is
 * read once at start; after that each change is handed over on its own (one schedule put, one deleted), so the
 * cost of a change does not grow with the number of schedules: 10,000 one-time schedules created in a burst are
 * 10,000 small writes, not 10,000 rewrites of everything.
 */
public interface ScheduleStore extends AutoCloseable {

    /** What was kept, or an empty snapshot the first time. */
    SchedulerSnapshot load();

    /** Keeps {@code group}, replacing one of the same name. */
    void putGroup(ScheduleGroup group);

    /** Forgets group {@code name} (its schedules are deleted one by one beforehand). */
    void deleteGroup(String name);

    /** Keeps {@code schedule}, replacing one with the same {@link Schedule#key()}. */
    void putSchedule(Schedule schedule);

    /** Forgets the schedule with {@code key}. */
    void deleteSchedule(String key);

    /** Writes out anything pending and releases the files; later changes are refused. */
    @Override
    default void close() {}

    /** A store that keeps nothing: schedules live as long as the process, as they do without a data directory. */
    static ScheduleStore inMemory() {
        return new ScheduleStore() {
            @Override
            public SchedulerSnapshot load() {
                return SchedulerSnapshot.empty();
            }

            @Override
            public void putGroup(ScheduleGroup group) {
                // Nothing outlives the process without a data directory.
            }

            @Override
            public void deleteGroup(String name) {}

            @Override
            public void putSchedule(Schedule schedule) {}

            @Override
            public void deleteSchedule(String key) {}
        };
    }
}
