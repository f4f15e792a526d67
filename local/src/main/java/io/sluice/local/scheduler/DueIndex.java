package io.sluice.local.scheduler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The dispatcher's due index: each enabled schedule sits once in one of two lanes (recurring, one-time) ordered by
 * its next fire time, and a schedule being fired is held out of both, so no two workers (nor a worker and a test's
 * {@link ScheduleDispatcher#fireDue}) fire one schedule at once. {@link #take()} alternates the lanes when both have
 * something due, so a backlog in one never starves the other. Lock order: the registry's, then this index's; never
 * the reverse, which is why {@link #reindex} asks its lookup outside the lock.
 */
final class DueIndex {
    /** When a schedule next needs a worker, and in which lane it waits. */
    record NextFire(Instant at, boolean recurring) {}

    /** A schedule's place in the due index: its next fire time, then the order it was indexed in. */
    private record Due(Instant at, long sequence, String key, boolean recurring) implements Comparable<Due> {
        @Override
        public int compareTo(Due other) {
            int byTime = at.compareTo(other.at);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }

    private final Clock clock;
    private final Duration tick;
    private final Object lock = new Object();
    private final TreeSet<Due> recurringLane = new TreeSet<>();
    private final TreeSet<Due> oneTimeLane = new TreeSet<>();
    private final Map<String, Due> indexed = new HashMap<>();
    private final Set<String> firing = new HashSet<>();
    private final Map<String, Long> latest = new HashMap<>();
    private long sequence;
    private long generations;
    private boolean recurringTurn;
    private boolean running;

    DueIndex(Clock clock, Duration tick) {
        this.clock = clock;
        this.tick = tick;
    }

    /** Lets {@link #take()} hand out occurrences; {@code false} if it already did. */
    boolean open() {
        synchronized (lock) {
            if (running) {
                return false;
            }
            running = true;
            return true;
        }
    }

    /** Makes every waiting and later {@link #take()} return {@code null}; what is indexed stays, for the next open. */
    void shut() {
        synchronized (lock) {
            running = false;
            lock.notifyAll();
        }
    }

    /**
     * The key of the next schedule due now, alternating between the recurring and the one-time lane when both have
     * one, so a backlog of one-time schedules never starves a recurring one (nor the reverse); waits until one is due,
     * at most a tick at a time so a clock moved by a test is seen. The schedule is held as firing until {@link
     * #release}. {@code null} once shut.
     */
    String take() {
        synchronized (lock) {
            while (running) {
                Instant now = clock.instant();
                Due recurring = dueAt(recurringLane, now);
                Due oneTime = dueAt(oneTimeLane, now);
                Due pick;
                if (recurring != null && oneTime != null) {
                    pick = recurringTurn ? recurring : oneTime;
                    recurringTurn = !recurringTurn;
                } else {
                    pick = recurring != null ? recurring : oneTime;
                }
                if (pick != null) {
                    (pick.recurring() ? recurringLane : oneTimeLane).remove(pick);
                    indexed.remove(pick.key());
                    firing.add(pick.key());
                    return pick.key();
                }
                long waitMillis = tick.toMillis();
                for (TreeSet<Due> lane : List.of(recurringLane, oneTimeLane)) {
                    if (!lane.isEmpty()) {
                        waitMillis = Math.min(
                                waitMillis,
                                Duration.between(now, lane.first().at()).toMillis());
                    }
                }
                try {
                    lock.wait(Math.max(1, waitMillis));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
            return null;
        }
    }

    private static Due dueAt(TreeSet<Due> lane, Instant now) {
        return lane.isEmpty() || lane.first().at().isAfter(now) ? null : lane.first();
    }

    /**
     * Waits until no worker fires the schedule with {@code key}, then holds it as firing until {@link #release};
     * {@code false} if interrupted while waiting (nothing is held then).
     */
    boolean claim(String key) {
        synchronized (lock) {
            while (firing.contains(key)) {
                try {
                    lock.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            firing.add(key);
            return true;
        }
    }

    /** Ends the hold {@link #take()} or {@link #claim} put on {@code key}; the caller re-indexes it next. */
    void release(String key) {
        synchronized (lock) {
            firing.remove(key);
            lock.notifyAll();
        }
    }

    /**
     * Puts the schedule with {@code key} in the index at the time {@code lookup} gives, or takes it out when the lookup
     * gives {@code null} (deleted, disabled, nothing left to fire). A schedule being fired is re-indexed by its firer
     * when it is done, so one schedule is never fired by two at once. Of two re-indexings of one key racing, the one
     * that started last wins: it looked last.
     */
    void reindex(String key, Function<String, NextFire> lookup) {
        long generation;
        synchronized (lock) {
            if (firing.contains(key)) {
                return;
            }
            generation = ++generations;
            latest.put(key, generation);
        }
        // Look outside the lock: the registry announces a change while holding its own monitor, so asking it for
        // anything while holding this lock is the opposite order, a deadlock.
        NextFire next = lookup.apply(key);
        synchronized (lock) {
            if (!Long.valueOf(generation).equals(latest.get(key)) || firing.contains(key)) {
                return;
            }
            latest.remove(key);
            Due old = indexed.remove(key);
            if (old != null) {
                (old.recurring() ? recurringLane : oneTimeLane).remove(old);
            }
            if (next != null) {
                Due due = new Due(next.at(), ++sequence, key, next.recurring());
                indexed.put(key, due);
                (next.recurring() ? recurringLane : oneTimeLane).add(due);
                lock.notifyAll();
            }
        }
    }

    /** How many schedules wait in the index. */
    int size() {
        synchronized (lock) {
            return indexed.size();
        }
    }
}
