package io.sluice.local.demo;

import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import io.sluice.envelope.DeadLetterReason;
import io.sluice.runtime.MessageOutcome;
import io.sluice.runtime.OutcomeListener;
import io.sluice.runtime.SettledOutcome;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts outcomes as the runtime reports them, by SQS message id, so a run can prove that every message
 * it sent ended exactly once: a success, in a dead-letter queue, skipped as a duplicate, or handed on to a
 * deferred copy. Thread-safe.
 */
public final class OutcomeTally implements OutcomeListener {
    private final Set<String> succeeded = ConcurrentHashMap.newKeySet();
    private final Map<String, DeadLetterReason> deadLettered = new ConcurrentHashMap<>();
    private final Set<String> skipped = ConcurrentHashMap.newKeySet();
    private final Set<String> deferred = ConcurrentHashMap.newKeySet();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong returnedUnstarted = new AtomicLong();
    private final AtomicLong duplicateTerminals = new AtomicLong();

    @Override
    public void onOutcome(SettledOutcome settled) {
        SQSMessage message = settled.message();
        MessageOutcome outcome = settled.outcome();
        String id = message.getMessageId();
        if (outcome instanceof MessageOutcome.Succeeded) {
            if (!succeeded.add(id) || deadLettered.containsKey(id)) {
                duplicateTerminals.incrementAndGet();
            }
        } else if (outcome instanceof MessageOutcome.DeadLetter dead) {
            if (deadLettered.putIfAbsent(id, dead.reason()) != null || succeeded.contains(id)) {
                duplicateTerminals.incrementAndGet();
            }
        } else if (outcome instanceof MessageOutcome.Retry) {
            retries.incrementAndGet();
        } else if (outcome instanceof MessageOutcome.DuplicateSkipped) {
            skipped.add(id);
        } else if (outcome instanceof MessageOutcome.Deferred
                && !message.getEventSourceArn().endsWith(".fifo")) {
            // Acknowledged after a delayed copy was sent: this message is done, the copy carries the job.
            deferred.add(id);
        } else {
            returnedUnstarted.incrementAndGet();
        }
    }

    public int succeeded() {
        return succeeded.size();
    }

    public int deadLettered() {
        return deadLettered.size();
    }

    /** Messages that reached an end: succeeded, dead-lettered, skipped as duplicates, or handed to a deferred copy. */
    public int finished() {
        return succeeded.size() + deadLettered.size() + skipped.size() + deferred.size();
    }

    public boolean isFinished(String messageId) {
        return succeeded.contains(messageId)
                || deadLettered.containsKey(messageId)
                || skipped.contains(messageId)
                || deferred.contains(messageId);
    }

    public int duplicatesSkipped() {
        return skipped.size();
    }

    public boolean wasSkippedAsDuplicate(String messageId) {
        return skipped.contains(messageId);
    }

    public int deferred() {
        return deferred.size();
    }

    public boolean hasSucceeded(String messageId) {
        return succeeded.contains(messageId);
    }

    public DeadLetterReason deadLetterReason(String messageId) {
        return deadLettered.get(messageId);
    }

    public long retries() {
        return retries.get();
    }

    public long returnedUnstarted() {
        return returnedUnstarted.get();
    }

    /** Messages that reached a second terminal outcome: a redelivery of a finished job. */
    public long duplicateTerminals() {
        return duplicateTerminals.get();
    }

    public Map<DeadLetterReason, Integer> deadLetteredByReason() {
        Map<DeadLetterReason, Integer> counts = new EnumMap<>(DeadLetterReason.class);
        deadLettered.values().forEach(r -> counts.merge(r, 1, Integer::sum));
        return counts;
    }
}
