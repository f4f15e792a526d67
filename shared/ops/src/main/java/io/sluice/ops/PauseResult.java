package io.sluice.ops;

import io.sluice.job.Priority;
import java.util.List;

/**
 * What a pause or resume changed: the event source mappings switched (their ids) and the schedules switched (their
 * names), for {@code type} and {@code priority} ({@code null}: every priority). On AWS a mapping takes a few seconds
 * to go from {@code Disabling} to {@code Disabled}; messages already handed to the function finish.
 */
public record PauseResult(
        String type, Priority priority, boolean paused, List<String> mappings, List<String> schedules) {
    public PauseResult {
        mappings = List.copyOf(mappings);
        schedules = List.copyOf(schedules);
    }
}
