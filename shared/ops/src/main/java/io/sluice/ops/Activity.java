package io.sluice.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A type's recent history per minute, for the console's small charts: jobs that succeeded, attempts that failed and
 * jobs dead-lettered in each minute of the window, oldest minute first. Read like {@link HistorySummary}, through
 * the store's index queries with the same cap per state ({@code capped} says the busiest states were cut).
 *
 * @param minutes the start of each one-minute bucket
 */
public record Activity(
        String type,
        List<Instant> minutes,
        List<Integer> succeeded,
        List<Integer> failedAttempts,
        List<Integer> deadLettered,
        boolean capped) {
    public static final Duration BUCKET = Duration.ofMinutes(1);

    public Activity {
        minutes = List.copyOf(minutes);
        succeeded = List.copyOf(succeeded);
        failedAttempts = List.copyOf(failedAttempts);
        deadLettered = List.copyOf(deadLettered);
    }
}
