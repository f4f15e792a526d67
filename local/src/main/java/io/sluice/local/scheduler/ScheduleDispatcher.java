package io.sluice.local.scheduler;

import io.sluice.catalogue.ScheduledEnvelope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires the registry's schedules into their queues. {@link #fireDue(Instant)} is one step: for every enabled
 * schedule it finds the occurrence due at that instant, if any, replaces Scheduler's context attributes in
 * the target input as {@link ScheduledEnvelope#substitute} does, sends the message, and records the progress,
 * so the same occurrence never fires twice (across restarts too, with a data directory); tests call it directly
 * with the instants they choose, so they never sleep. {@link #start()} fires from a {@link DueIndex} instead of
 * scanning: each enabled schedule sits once in one of two lanes (recurring, one-time) ordered by its next fire time,
 * kept current by the registry's change notices; {@value #WORKERS} workers take what is due, alternating lanes, so
 * 10,000 one-time schedules due at once cannot hold a {@code rate(1 minute)} schedule back more than one firing. One
 * occurrence is delivered by {@link OccurrenceDelivery}.
 *
 * <p>What AWS does that this mirrors: a one-time schedule fires once and, with {@code ActionAfterCompletion
 * DELETE}, is deleted after it fired, as is a recurring one once its end date leaves no occurrence; a failed
 * delivery is retried with the same execution id and a growing attempt number until the target's retry
 * policy runs out, then sent to its dead-letter queue with AWS's dead-letter attributes, or dropped. What it
 * does not: occurrences missed while sluice-local was stopped are folded into the latest one rather than
 * replayed, a flexible time window fires at its start, and retries back off from 1 second to at most 1 minute.
 */
public final class ScheduleDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleDispatcher.class);

    /** Firing workers: sends are I/O, so a few threads keep ElasticMQ busy without crowding two cores. */
    static final int WORKERS = 8;
    /** The longest {@link #close()} waits for workers in the middle of a send. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(3);

    private final ScheduleRegistry registry;
    private final Clock clock;
    private final OccurrenceDelivery delivery;
    // Lock order: the registry's, then the index's; never the reverse.
    private final DueIndex index;
    private final List<Thread> workers = new ArrayList<>();

    public ScheduleDispatcher(ScheduleRegistry registry, TargetSender sender, Clock clock, Duration tick) {
        this.registry = registry;
        this.clock = clock;
        this.delivery = new OccurrenceDelivery(registry, sender);
        this.index = new DueIndex(clock, tick);
        registry.onChange(this::reindex);
    }

    /**
     * Starts {@value #WORKERS} firing workers over the due index, built now from every schedule and kept up to date by
     * the registry's change notices; does nothing if already running.
     */
    public void start() {
        if (!index.open()) {
            return;
        }
        for (Schedule schedule : registry.all()) {
            reindex(schedule.key());
        }
        List<Thread> started = new ArrayList<>();
        for (int i = 0; i < WORKERS; i++) {
            Thread t = new Thread(this::work, "sluice-scheduler-" + i);
            t.setDaemon(true);
            started.add(t);
        }
        synchronized (workers) {
            workers.addAll(started);
        }
        started.forEach(Thread::start);
    }

    /**
     * Stops firing within {@link #STOP_TIMEOUT} whatever the backlog: no worker takes another occurrence, one in the
     * middle of a send finishes it (its progress is recorded, so it does not fire again) and the rest stay in the
     * index, due, for the next start.
     */
    @Override
    public void close() {
        List<Thread> stopping;
        synchronized (workers) {
            index.shut();
            stopping = List.copyOf(workers);
            workers.clear();
        }
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        for (Thread t : stopping) {
            try {
                t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        stopping.stream().filter(Thread::isAlive).forEach(Thread::interrupt);
    }

    /** One worker: takes the next due occurrence, fires it, re-indexes its schedule; until {@link #close()}. */
    private void work() {
        String key;
        while ((key = index.take()) != null) {
            try {
                Optional<Schedule> schedule = registry.find(key);
                if (schedule.isPresent() && schedule.get().definition().state() == ScheduleState.ENABLED) {
                    delivery.fire(schedule.get(), clock.instant());
                }
            } catch (RuntimeException e) {
                // A worker must outlive any one bad schedule; it is re-indexed and tried again when next due.
                LOG.warn("schedule {} could not be fired: {}", key, e.toString(), e);
            } finally {
                index.release(key);
                reindex(key);
            }
        }
    }

    /**
     * Puts the schedule with {@code key} in the due index at its next fire time (its pending retry's, if any), or
     * takes it out (deleted, disabled, nothing left to fire). The index asks the registry outside its own lock.
     */
    private void reindex(String key) {
        index.reindex(
                key,
                k -> registry.find(k)
                        .map(schedule -> {
                            Instant at = delivery.nextFireTime(schedule);
                            return at == null
                                    ? null
                                    : new DueIndex.NextFire(
                                            at, !ScheduleTimes.of(schedule).isOneTime());
                        })
                        .orElse(null));
    }

    /** How many occurrences wait in the due index (for the bench and tests). */
    public int indexed() {
        return index.size();
    }

    /**
     * Fires every occurrence due at {@code now} and retries failed deliveries whose time has come. One step
     * at a time: a test's call and the loop's never interleave, so nothing fires twice.
     */
    public synchronized List<Firing> fireDue(Instant now) {
        List<Firing> firings = new ArrayList<>();
        Set<String> present = new HashSet<>();
        for (Schedule schedule : registry.all()) {
            present.add(schedule.key());
            if (schedule.definition().state() != ScheduleState.ENABLED) {
                delivery.forget(schedule.key());
                continue;
            }
            // This step waits for a worker firing the schedule right now, then holds the schedule away from the
            // workers while it fires it, so an occurrence is never sent by both.
            if (!index.claim(schedule.key())) {
                return firings;
            }
            try {
                Schedule current = registry.find(schedule.key()).orElse(null);
                if (current != null) {
                    delivery.fire(current, now).ifPresent(firings::add);
                }
            } catch (RuntimeException e) {
                LOG.warn("schedule {} could not be checked: {}", schedule.key(), e.toString(), e);
            } finally {
                index.release(schedule.key());
                reindex(schedule.key());
            }
        }
        delivery.retainOnly(present);
        return firings;
    }
}
