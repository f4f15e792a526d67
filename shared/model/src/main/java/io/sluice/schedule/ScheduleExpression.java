package io.sluice.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * An EventBridge Scheduler schedule expression: a one-time {@code at(yyyy-mm-ddThh:mm:ss)}, a
 * {@code rate(value unit)} or a six-field {@code cron(minutes hours day-of-month month day-of-week year)},
 * parsed and validated the way Scheduler does, and able to say when it fires next in a time zone. The
 * catalogue checks {@code @Job(schedule)} with it at build time, the producer client checks
 * {@code schedule(...)} before calling AWS, and sluice-local's scheduler fires schedules with it.
 *
 * <p>Written by hand rather than with a cron library: AWS cron is Quartz-like but not Quartz (no seconds
 * field, a year field bounded to 1970-2199, exactly one of day-of-month and day-of-week must be {@code ?}, no
 * {@code /} in day-of-week, one {@code #} term at most) and Scheduler's daylight-saving rules (a local time
 * that does not exist is skipped, a repeated local time fires once) are not what cron-utils or Quartz do;
 * errors must also name the field at fault. See {@code docs/schedules.md}.
 *
 * @see <a href="https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html">Schedule types on EventBridge Scheduler</a>
 */
public sealed interface ScheduleExpression permits AtExpression, RateExpression, CronExpression {

    /** Parses at(...), rate(...) or cron(...) exactly as EventBridge Scheduler does. */
    static ScheduleExpression parse(String text) throws InvalidScheduleExpressionException {
        if (text == null || text.isBlank()) {
            throw new InvalidScheduleExpressionException(null, "schedule expression is empty; " + forms());
        }
        String trimmed = text.trim();
        if (trimmed.startsWith("at(")) {
            return AtExpression.parse(trimmed);
        }
        if (trimmed.startsWith("rate(")) {
            return RateExpression.parse(trimmed);
        }
        if (trimmed.startsWith("cron(")) {
            return CronExpression.parse(trimmed);
        }
        throw new InvalidScheduleExpressionException(trimmed, "is not a schedule expression; " + forms());
    }

    /** The three forms Scheduler takes, for error messages. */
    private static String forms() {
        return "use at(yyyy-mm-ddThh:mm:ss), rate(value unit) or cron(minutes hours day-of-month month day-of-week year)";
    }

    /** The expression as given (trimmed). */
    String text();

    /**
     * The first fire time strictly after {@code after}, for a schedule whose first possible firing is
     * {@code start} (creation time or StartDate; rate schedules fire at start, start+n, start+2n, ...), cron
     * fields (and at()'s local date-time) read in {@code zone}; empty when it never fires again.
     */
    Optional<Instant> nextFireAfter(Instant after, Instant start, ZoneId zone);
}
