package io.sluice.console;

import io.sluice.ops.QueueStatus;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One queue as the overview and the type page show it: depths, dead letters, the oldest message's age (highlighted
 * once it is old) and the pause state. One place, so both pages say the same of the same queue.
 */
final class QueueRow {
    /**
     * The age at which an oldest message is highlighted: the CDK's oldest-message alarm's default (15 minutes), older
     * than retries explain. Unknown ages (sluice-local has no SQS metrics) are never old.
     */
    static final Duration OLD = Duration.ofMinutes(15);

    private QueueRow() {}

    static boolean isOld(QueueStatus q) {
        return q.oldestMessageAge() != null && q.oldestMessageAge().compareTo(OLD) >= 0;
    }

    static Map<String, Object> of(QueueStatus q) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("priority", q.priority().wireName());
        row.put("queue", q.queue());
        row.put("visible", q.visible());
        row.put("inFlight", q.inFlight());
        row.put("delayed", q.delayed());
        row.put("deadLettered", q.deadLettered());
        row.put("hasDeadLetters", q.deadLettered() > 0);
        row.put("oldest", q.oldestMessageAge() == null ? "–" : Display.age(q.oldestMessageAge()));
        row.put("old", isOld(q));
        row.put("paused", q.paused());
        return row;
    }
}
