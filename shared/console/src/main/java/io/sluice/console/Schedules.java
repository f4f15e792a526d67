package io.sluice.console;

import io.sluice.schedule.IanaZone;
import io.sluice.schedule.InvalidScheduleExpressionException;
import io.sluice.schedule.ScheduleExpression;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * When a schedule fires next, by the same expression parser sluice-local's scheduler and the catalogue use, so the
 * console shows what EventBridge Scheduler will do (daylight-saving rules included).
 */
final class Schedules {
    private Schedules() {}

    /** The next fire time after {@code now}, written for display; empty when it never fires again or cannot parse. */
    static Optional<String> nextFire(String expression, String timezone, Instant now) {
        return nextFire(expression, timezone, now, now);
    }

    static Optional<String> nextFire(String expression, String timezone, Instant start, Instant now) {
        try {
            ZoneId zone =
                    timezone == null ? ZoneOffset.UTC : IanaZone.of(timezone).orElse(ZoneOffset.UTC);
            return ScheduleExpression.parse(expression)
                    .nextFireAfter(now, start == null ? now : start, zone)
                    .map(Display::time);
        } catch (InvalidScheduleExpressionException e) {
            return Optional.empty();
        }
    }
}
