package io.sluice.ops;

import io.sluice.store.AttemptRecord;
import io.sluice.store.JobRecord;
import io.sluice.store.JobSearch;
import io.sluice.store.JobState;
import io.sluice.store.JobStore;
import io.sluice.store.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Job history as the operations read it, through the store's index queries only (never a scan): one job, searches,
 * and the recent-window summary of a type for {@code status}. The summary reads the window's succeeded, retrying and
 * dead-lettered jobs newest first, at most {@value #SUMMARY_CAP} of each, which bounds its cost on a busy type.
 */
final class JobHistory {
    /** The most jobs of one state a summary reads. */
    static final int SUMMARY_CAP = 1000;

    private final JobStore store;

    JobHistory(JobStore store) {
        this.store = store;
    }

    JobStore store() {
        return store;
    }

    Page<JobRecord> search(JobSearch search, int limit, String pageToken) {
        if (limit < 1 || limit > 1000) {
            throw OperationException.invalid("limit " + limit + " is out of range; give 1 to 1000");
        }
        return store.search(search, limit, pageToken);
    }

    /** The jobs of a type that ended, or wait to retry, in {@code [from, to)}: what a summary and an activity read. */
    record Recent(
            Instant from,
            Instant to,
            List<JobRecord> succeeded,
            List<JobRecord> deadLettered,
            List<JobRecord> retrying,
            boolean capped) {}

    /** Reads a window once (at most {@value #SUMMARY_CAP} jobs per state), for {@link #summary} and {@link #activity}. */
    Recent recent(String type, Instant from, Instant to) {
        List<JobRecord> succeeded = new ArrayList<>();
        boolean capped = read(new JobSearch(type, JobState.SUCCEEDED, from, to, null, null, null), succeeded);
        List<JobRecord> deadLettered = new ArrayList<>();
        capped |= read(new JobSearch(type, JobState.DEAD_LETTERED, from, to, null, null, null), deadLettered);
        List<JobRecord> retrying = new ArrayList<>();
        capped |= read(new JobSearch(type, JobState.RETRYING, from, to, null, null, null), retrying);
        return new Recent(from, to, succeeded, deadLettered, retrying, capped);
    }

    HistorySummary summary(Recent recent) {
        Instant from = recent.from();
        Instant to = recent.to();
        List<JobRecord> succeeded = recent.succeeded();
        List<JobRecord> deadLettered = recent.deadLettered();
        boolean capped = recent.capped();
        int failedAttempts = 0;
        for (List<JobRecord> list : List.of(succeeded, deadLettered, recent.retrying())) {
            for (JobRecord job : list) {
                for (AttemptRecord a : job.attempts()) {
                    if ("failed".equals(a.outcome())
                            && a.endedAt() != null
                            && !a.endedAt().isBefore(from)
                            && a.endedAt().isBefore(to)) {
                        failedAttempts++;
                    }
                }
            }
        }
        Map<String, Integer> byReason = new TreeMap<>();
        deadLettered.forEach(job -> byReason.merge(
                job.deadLetterReason() == null ? DeadLetterFilter.NO_REASON : job.deadLetterReason(), 1, Integer::sum));
        List<Duration> durations = succeeded.stream()
                .map(JobRecord::duration)
                .filter(d -> d != null)
                .sorted()
                .toList();
        int ended = succeeded.size() + deadLettered.size();
        return new HistorySummary(
                from,
                to,
                succeeded.size(),
                failedAttempts,
                byReason,
                ended == 0 ? null : (double) succeeded.size() / ended,
                percentile(durations, 50),
                percentile(durations, 95),
                capped);
    }

    /** Per-minute counts over the window, the first minute starting at its {@code from} rounded down. */
    Activity activity(String type, Recent recent) {
        Instant start = recent.from().truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        int buckets = (int) Math.max(1, (Duration.between(start, recent.to()).toMinutes() + 1));
        int[] succeededPerMinute = new int[buckets];
        int[] failedPerMinute = new int[buckets];
        int[] deadPerMinute = new int[buckets];
        recent.succeeded().forEach(job -> count(succeededPerMinute, start, job.finishedAt()));
        recent.deadLettered().forEach(job -> count(deadPerMinute, start, job.finishedAt()));
        for (List<JobRecord> list : List.of(recent.succeeded(), recent.deadLettered(), recent.retrying())) {
            for (JobRecord job : list) {
                for (AttemptRecord a : job.attempts()) {
                    if ("failed".equals(a.outcome())) {
                        count(failedPerMinute, start, a.endedAt());
                    }
                }
            }
        }
        List<Instant> minutes = new ArrayList<>();
        for (int i = 0; i < buckets; i++) {
            minutes.add(start.plus(Activity.BUCKET.multipliedBy(i)));
        }
        return new Activity(
                type,
                minutes,
                java.util.Arrays.stream(succeededPerMinute).boxed().toList(),
                java.util.Arrays.stream(failedPerMinute).boxed().toList(),
                java.util.Arrays.stream(deadPerMinute).boxed().toList(),
                recent.capped());
    }

    private static void count(int[] buckets, Instant start, Instant at) {
        if (at == null || at.isBefore(start)) {
            return;
        }
        long index = Duration.between(start, at).toMinutes();
        if (index < buckets.length) {
            buckets[(int) index]++;
        }
    }

    /** Reads up to the cap; whether there was more. */
    private boolean read(JobSearch search, List<JobRecord> into) {
        String token = null;
        do {
            Page<JobRecord> page = store.search(search, Math.min(100, SUMMARY_CAP - into.size()), token);
            into.addAll(page.items());
            token = page.nextPageToken();
        } while (token != null && into.size() < SUMMARY_CAP);
        return token != null;
    }

    /** The nearest-rank percentile of sorted durations; {@code null} for none. */
    static Duration percentile(List<Duration> sorted, int p) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
