package io.sluice.local.scheduler;

import io.sluice.catalogue.ScheduledEnvelope;
import io.sluice.runtime.QueueArn;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Fires the registry's schedules into their queues. {@link #fireDue(Instant)} is one step: for every enabled
 * schedule it finds the occurrence due at that instant, if any, replaces Scheduler's context attributes in
 * the target input as {@link ScheduledEnvelope#substitute} does, sends the message, and records the progress,
 * so the same occurrence never fires twice (across restarts too, with a data directory); tests call it directly
 * with the instants they choose, so they never sleep. {@link #start()} fires from a due index instead of scanning:
 * each enabled schedule sits once in one of two lanes (recurring, one-time) ordered by its next fire time, kept
 * current by the registry's change notices; {@value #WORKERS} workers take what is due, alternating lanes, so 10,000
 * one-time schedules due at once cannot hold a {@code rate(1 minute)} schedule back more than one firing.
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
    /** The body sent when a target has no input; AWS documents a "default notification" without its content. */
    static final String DEFAULT_INPUT = "{}";

    private static final Duration FIRST_RETRY_DELAY = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY_DELAY = Duration.ofMinutes(1);
    /** Firing workers: sends are I/O, so a few threads keep ElasticMQ busy without crowding two cores. */
    static final int WORKERS = 8;
    /** The longest {@link #close()} waits for workers in the middle of a send. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(3);

    private final ScheduleRegistry registry;
    private final TargetSender sender;
    private final Clock clock;
    private final Duration tick;
    private final Map<String, PendingRetry> retries = new ConcurrentHashMap<>();

    // The due index, guarded by lock. Lock order: the registry's, then this one; never the reverse.
    private final Object lock = new Object();
    private final TreeSet<Due> recurringLane = new TreeSet<>();
    private final TreeSet<Due> oneTimeLane = new TreeSet<>();
    private final Map<String, Due> indexed = new HashMap<>();
    private final Set<String> firing = new HashSet<>();
    private final Map<String, Long> latest = new HashMap<>();
    private final List<Thread> workers = new ArrayList<>();
    private long sequence;
    private long generations;
    private boolean recurringTurn;
    private boolean running;

    /** A schedule's place in the due index: its next fire time, then the order it was indexed in. */
    private record Due(Instant at, long sequence, String key, boolean recurring) implements Comparable<Due> {
        @Override
        public int compareTo(Due other) {
            int byTime = at.compareTo(other.at);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }

    /** A delivery that failed and waits for its next attempt. */
    private record PendingRetry(
            Instant lastModificationDate,
            Instant scheduledTime,
            String executionId,
            int attempt,
            Instant retryAt,
            String errorCode,
            String errorMessage) {}

    public ScheduleDispatcher(ScheduleRegistry registry, TargetSender sender, Clock clock, Duration tick) {
        this.registry = registry;
        this.sender = sender;
        this.clock = clock;
        this.tick = tick;
        registry.onChange(this::reindex);
    }

    /**
     * Starts {@value #WORKERS} firing workers over the due index, built now from every schedule and kept up to date by
     * the registry's change notices; does nothing if already running.
     */
    public void start() {
        synchronized (lock) {
            if (running) {
                return;
            }
            running = true;
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
        synchronized (lock) {
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
        synchronized (lock) {
            running = false;
            stopping = List.copyOf(workers);
            workers.clear();
            lock.notifyAll();
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
        Due due;
        while ((due = take()) != null) {
            try {
                Optional<Schedule> schedule = registry.find(due.key());
                if (schedule.isPresent() && schedule.get().definition().state() == ScheduleState.ENABLED) {
                    fire(schedule.get(), clock.instant());
                }
            } catch (RuntimeException e) {
                // A worker must outlive any one bad schedule; it is re-indexed and tried again when next due.
                LOG.warn("schedule {} could not be fired: {}", due.key(), e.toString(), e);
            } finally {
                synchronized (lock) {
                    firing.remove(due.key());
                    lock.notifyAll();
                }
                reindex(due.key());
            }
        }
    }

    /**
     * The next occurrence due now, alternating between the recurring and the one-time lane when both have one, so a
     * backlog of one-time schedules never starves a recurring one (nor the reverse); waits until one is due, at most a
     * tick at a time so a clock moved by a test is seen. {@code null} once stopping.
     */
    private Due take() {
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
                    return pick;
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
     * Puts the schedule with {@code key} in the due index at its next fire time (its pending retry's, if any), or
     * takes it out (deleted, disabled, nothing left to fire). A schedule being fired is re-indexed by its worker when
     * it is done, so one schedule is never fired by two workers at once. Of two re-indexings of one key racing, the
     * one that started last wins: it read the registry last.
     */
    private void reindex(String key) {
        long generation;
        synchronized (lock) {
            if (firing.contains(key)) {
                return;
            }
            generation = ++generations;
            latest.put(key, generation);
        }
        // Read the registry outside the lock: the registry announces a change while holding its own monitor, so
        // asking it for anything while holding the dispatcher's lock is the opposite order, a deadlock.
        Optional<Schedule> schedule = registry.find(key);
        Instant at = schedule.map(this::nextFireTime).orElse(null);
        boolean recurring = schedule.map(s -> !ScheduleTimes.of(s).isOneTime()).orElse(false);
        synchronized (lock) {
            if (!Long.valueOf(generation).equals(latest.get(key)) || firing.contains(key)) {
                return;
            }
            latest.remove(key);
            Due old = indexed.remove(key);
            if (old != null) {
                (old.recurring() ? recurringLane : oneTimeLane).remove(old);
            }
            if (at != null) {
                Due due = new Due(at, ++sequence, key, recurring);
                indexed.put(key, due);
                (recurring ? recurringLane : oneTimeLane).add(due);
                lock.notifyAll();
            }
        }
    }

    /** When {@code schedule} next needs a worker, or {@code null} when it never will. */
    private Instant nextFireTime(Schedule schedule) {
        if (schedule.definition().state() != ScheduleState.ENABLED) {
            return null;
        }
        PendingRetry retry = retries.get(schedule.key());
        if (retry != null && retry.lastModificationDate().equals(schedule.lastModificationDate())) {
            return retry.retryAt();
        }
        ScheduleTimes times = ScheduleTimes.of(schedule);
        Instant cursor = schedule.firedThrough() != null
                ? schedule.firedThrough()
                : times.initialCursor(schedule.lastModificationDate());
        Optional<Instant> next = times.next(cursor);
        if (next.isPresent()) {
            return next.get();
        }
        // Nothing left to fire: a worker completes it (deletes it, with ActionAfterCompletion DELETE) right away.
        return schedule.definition().actionAfterCompletion() == ActionAfterCompletion.DELETE ? Instant.EPOCH : null;
    }

    /** How many occurrences wait in the due index (for the bench and tests). */
    public int indexed() {
        synchronized (lock) {
            return indexed.size();
        }
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
                retries.remove(schedule.key());
                continue;
            }
            // This step waits for a worker firing the schedule right now, then holds the schedule away from the
            // workers while it fires it, so an occurrence is never sent by both.
            synchronized (lock) {
                while (firing.contains(schedule.key())) {
                    try {
                        lock.wait(100);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return firings;
                    }
                }
                firing.add(schedule.key());
            }
            try {
                Schedule current = registry.find(schedule.key()).orElse(null);
                if (current != null) {
                    fire(current, now).ifPresent(firings::add);
                }
            } catch (RuntimeException e) {
                LOG.warn("schedule {} could not be checked: {}", schedule.key(), e.toString(), e);
            } finally {
                synchronized (lock) {
                    firing.remove(schedule.key());
                    lock.notifyAll();
                }
                reindex(schedule.key());
            }
        }
        retries.keySet().retainAll(present);
        return firings;
    }

    private Optional<Firing> fire(Schedule schedule, Instant now) {
        ScheduleTimes times = ScheduleTimes.of(schedule);
        PendingRetry retry = retries.get(schedule.key());
        if (retry != null && !retry.lastModificationDate().equals(schedule.lastModificationDate())) {
            // Updated since the failure: the new definition starts afresh, as AWS drops an updated schedule's retries.
            retries.remove(schedule.key());
            retry = null;
        }
        Instant scheduledTime;
        String executionId;
        int attempt;
        if (retry != null) {
            if (now.isBefore(retry.retryAt())) {
                return Optional.empty();
            }
            scheduledTime = retry.scheduledTime();
            executionId = retry.executionId();
            attempt = retry.attempt() + 1;
        } else {
            Instant cursor = schedule.firedThrough() != null
                    ? schedule.firedThrough()
                    : times.initialCursor(schedule.lastModificationDate());
            Optional<ScheduleTimes.Due> due = times.due(cursor, now);
            if (due.isEmpty()) {
                if (times.next(cursor).isEmpty()) {
                    complete(schedule);
                }
                return Optional.empty();
            }
            if (due.get().foldsMissed()) {
                LOG.info(
                        "schedule {}: the occurrences from {} to before {} passed while nothing was firing; firing the latest only",
                        schedule.key(),
                        due.get().firstMissed(),
                        due.get().scheduledTime());
            }
            scheduledTime = due.get().scheduledTime();
            executionId = UUID.randomUUID().toString();
            attempt = 1;
        }
        String arn = registry.account().scheduleArn(schedule.groupName(), schedule.name());
        ScheduleTarget target = schedule.definition().target();
        String body = ScheduledEnvelope.substitute(
                target.input() == null ? DEFAULT_INPUT : target.input(), arn, scheduledTime, executionId, attempt);
        try {
            String messageId = sender.send(QueueArn.parse(target.arn()), body, target.messageGroupId(), Map.of());
            retries.remove(schedule.key());
            LOG.info(
                    "schedule {} fired for {} (attempt {}): message {} in {}",
                    schedule.key(),
                    scheduledTime,
                    attempt,
                    messageId,
                    QueueArn.parse(target.arn()).name());
            finish(schedule, times, scheduledTime);
            return Optional.of(new Firing(arn, scheduledTime, attempt, Firing.Outcome.SENT, messageId));
        } catch (RuntimeException e) {
            String code = errorCode(e);
            String message = errorMessage(e);
            TargetRetryPolicy policy = target.retryPolicy();
            String exhausted = attempt - 1 >= policy.maximumRetryAttempts()
                    ? "MaximumRetryAttempts"
                    : !now.isBefore(scheduledTime.plusSeconds(policy.maximumEventAgeInSeconds()))
                            ? "MaximumEventAgeInSeconds"
                            : null;
            if (exhausted == null) {
                Instant retryAt = now.plus(retryDelay(attempt));
                retries.put(
                        schedule.key(),
                        new PendingRetry(
                                schedule.lastModificationDate(),
                                scheduledTime,
                                executionId,
                                attempt,
                                retryAt,
                                code,
                                message));
                LOG.warn(
                        "schedule {} could not deliver {} (attempt {}): {}; retrying at {}",
                        schedule.key(),
                        scheduledTime,
                        attempt,
                        message,
                        retryAt);
                return Optional.of(new Firing(arn, scheduledTime, attempt, Firing.Outcome.RETRYING, message));
            }
            retries.remove(schedule.key());
            Firing.Outcome outcome =
                    deadLetter(schedule, arn, body, scheduledTime, executionId, attempt, code, message, exhausted);
            finish(schedule, times, scheduledTime);
            return Optional.of(new Firing(arn, scheduledTime, attempt, outcome, message));
        }
    }

    /** Records the occurrence as done and deletes the schedule if that was its last and it asks to be deleted. */
    private void finish(Schedule schedule, ScheduleTimes times, Instant scheduledTime) {
        Optional<Schedule> current = registry.recordFired(schedule, scheduledTime);
        if (current.isPresent()
                && current.get().lastModificationDate().equals(schedule.lastModificationDate())
                && times.next(scheduledTime).isEmpty()) {
            complete(current.get());
        }
    }

    private void complete(Schedule schedule) {
        if (schedule.definition().actionAfterCompletion() == ActionAfterCompletion.DELETE
                && registry.deleteCompleted(schedule)) {
            LOG.info("schedule {} completed and was deleted (ActionAfterCompletion DELETE)", schedule.key());
        }
    }

    /**
     * Sends the undelivered message to the schedule's dead-letter queue with the message attributes AWS's
     * dead-letter events carry, so a consumer written against AWS reads them alike.
     */
    private Firing.Outcome deadLetter(
            Schedule schedule,
            String arn,
            String body,
            Instant scheduledTime,
            String executionId,
            int attempt,
            String code,
            String message,
            String exhausted) {
        ScheduleTarget target = schedule.definition().target();
        if (target.deadLetterArn() == null) {
            LOG.warn(
                    "schedule {} gave up on {} after {} attempts ({}) and has no dead-letter queue: dropped. Last error: {}",
                    schedule.key(),
                    scheduledTime,
                    attempt,
                    exhausted,
                    message);
            return Firing.Outcome.DROPPED;
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("ERROR_CODE", code);
        attributes.put("ERROR_MESSAGE", message);
        attributes.put("EXECUTION_ID", executionId);
        attributes.put("EXHAUSTED_RETRY_CONDITION", exhausted);
        attributes.put("IS_PAYLOAD_TRUNCATED", "false");
        attributes.put("RETRY_ATTEMPTS", Integer.toString(attempt - 1));
        attributes.put(
                "SCHEDULED_TIME", scheduledTime.truncatedTo(ChronoUnit.SECONDS).toString());
        attributes.put("SCHEDULE_ARN", arn);
        attributes.put("TARGET_ARN", target.arn());
        try {
            sender.send(QueueArn.parse(target.deadLetterArn()), body, null, attributes);
            LOG.warn(
                    "schedule {} gave up on {} after {} attempts ({}); sent to dead-letter queue {}. Last error: {}",
                    schedule.key(),
                    scheduledTime,
                    attempt,
                    exhausted,
                    QueueArn.parse(target.deadLetterArn()).name(),
                    message);
            return Firing.Outcome.DEAD_LETTERED;
        } catch (RuntimeException e) {
            LOG.warn(
                    "schedule {} gave up on {} and could not reach its dead-letter queue either ({}): dropped. Last error: {}",
                    schedule.key(),
                    scheduledTime,
                    e.toString(),
                    message);
            return Firing.Outcome.DROPPED;
        }
    }

    private static Duration retryDelay(int attempt) {
        Duration delay = FIRST_RETRY_DELAY.multipliedBy(1L << Math.min(attempt - 1, 16));
        return delay.compareTo(MAX_RETRY_DELAY) > 0 ? MAX_RETRY_DELAY : delay;
    }

    private static String errorMessage(RuntimeException e) {
        if (e instanceof AwsServiceException aws
                && aws.awsErrorDetails() != null
                && aws.awsErrorDetails().errorMessage() != null) {
            return aws.awsErrorDetails().errorMessage();
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    private static String errorCode(RuntimeException e) {
        if (e instanceof AwsServiceException aws
                && aws.awsErrorDetails() != null
                && aws.awsErrorDetails().errorCode() != null) {
            return aws.awsErrorDetails().errorCode();
        }
        return e.getClass().getSimpleName();
    }
}
