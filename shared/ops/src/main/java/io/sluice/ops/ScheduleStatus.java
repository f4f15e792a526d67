package io.sluice.ops;

/**
 * A recurring schedule that fires jobs into one of a type's queues: the catalogue's {@code @Job(schedule)} one or
 * one a producer created at run time. {@code state} is Scheduler's {@code ENABLED} or {@code DISABLED} (paused).
 */
public record ScheduleStatus(String name, String expression, String timezone, String state, String targetQueueArn) {
    public boolean paused() {
        return "DISABLED".equals(state);
    }
}
