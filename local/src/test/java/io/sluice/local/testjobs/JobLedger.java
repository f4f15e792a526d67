package io.sluice.local.testjobs;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the test job types saw: when each attempt of each job started and in which order jobs finished.
 * Static because the runtime creates handlers reflectively, one per emulated execution environment; the
 * tests use distinct job ids, so runs do not disturb each other.
 */
public final class JobLedger {
    private static final Map<String, List<Instant>> ATTEMPTS = new ConcurrentHashMap<>();
    private static final Map<String, Long> FINISH_ORDER = new ConcurrentHashMap<>();
    private static final AtomicLong FINISHED = new AtomicLong();
    private static final Map<String, List<String>> EVENTS = new ConcurrentHashMap<>();

    private JobLedger() {}

    static void attemptStarted(String jobId) {
        ATTEMPTS.computeIfAbsent(jobId, k -> new CopyOnWriteArrayList<>()).add(Instant.now());
    }

    static void finished(String jobId) {
        FINISH_ORDER.put(jobId, FINISHED.incrementAndGet());
    }

    static void event(String stream, String event) {
        EVENTS.computeIfAbsent(stream, k -> new CopyOnWriteArrayList<>()).add(event);
    }

    /** Events recorded on a stream, in the order they happened. */
    public static List<String> events(String stream) {
        return EVENTS.getOrDefault(stream, List.of());
    }

    public static List<Instant> attempts(String jobId) {
        return ATTEMPTS.getOrDefault(jobId, List.of());
    }

    /** The position at which a job finished, 1-based across all jobs, or null. */
    public static Long finishPosition(String jobId) {
        return FINISH_ORDER.get(jobId);
    }
}
