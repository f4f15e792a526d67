package io.sluice.ops;

import java.util.List;

/**
 * One job type in a status report: its queues by priority, its schedules, its recent history, its function's
 * executions (the "workers" view) and its settings.
 */
public record TypeStatus(
        String type,
        List<QueueStatus> queues,
        List<ScheduleStatus> schedules,
        HistorySummary lastHour,
        WorkerStatus workers,
        TypeSettings settings) {
    public TypeStatus {
        queues = List.copyOf(queues);
        schedules = List.copyOf(schedules);
    }

    /** Whether every priority of the type is paused. */
    public boolean paused() {
        return !queues.isEmpty() && queues.stream().allMatch(QueueStatus::paused);
    }
}
