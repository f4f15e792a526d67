package io.sluice.local.scheduler;

import java.util.List;

/**
 * Everything the local scheduler keeps, as one value: what a {@link ScheduleStore} writes and reads back.
 *
 * @param version the file format's version, {@value #VERSION}; a file of another version is refused rather than misread
 */
public record SchedulerSnapshot(int version, List<ScheduleGroup> groups, List<Schedule> schedules) {
    public static final int VERSION = 1;

    public SchedulerSnapshot {
        groups = List.copyOf(groups);
        schedules = List.copyOf(schedules);
    }

    /** A scheduler with nothing in it yet. */
    public static SchedulerSnapshot empty() {
        return new SchedulerSnapshot(VERSION, List.of(), List.of());
    }
}
