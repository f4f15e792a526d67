package io.sluice.local.scheduler;

/**
 * Whether a schedule fires: EventBridge Scheduler's {@code ScheduleState}. A disabled schedule keeps its
 * definition and can be enabled again with {@code UpdateSchedule}; it never fires while disabled, and
 * occurrences that fall in that time are not made up later.
 */
public enum ScheduleState {
    ENABLED,
    DISABLED
}
