package io.sluice.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * What a type's job history says about a recent window (by default the last hour): jobs that succeeded, attempts
 * that failed, jobs dead-lettered by reason, the success rate of the jobs that ended, and the median and 95th
 * percentile run time of the successful attempts. {@code capped} says the window held more jobs than the summary
 * reads ({@value JobHistory#SUMMARY_CAP} per state), so the figures are a lower bound.
 *
 * @param successRate succeeded / (succeeded + dead-lettered) in the window; {@code null} when no job ended
 */
public record HistorySummary(
        Instant from,
        Instant to,
        int succeeded,
        int failedAttempts,
        Map<String, Integer> deadLetteredByReason,
        Double successRate,
        Duration p50,
        Duration p95,
        boolean capped) {
    public HistorySummary {
        deadLetteredByReason = Map.copyOf(deadLetteredByReason);
    }
}
