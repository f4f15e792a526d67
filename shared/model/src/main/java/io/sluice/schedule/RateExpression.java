package io.sluice.schedule;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A recurring schedule at a fixed interval, {@code rate(value unit)}: the value a positive whole number,
 * the unit {@code minute}, {@code hour} or {@code day} when the value is 1 and {@code minutes},
 * {@code hours} or {@code days} otherwise ({@code rate(1 minutes)} and {@code rate(5 minute)} are refused,
 * as EventBridge documents). It fires at its start (the StartDate, or creation time without one) and every
 * interval after it, in absolute time: a day is 24 hours even when daylight saving makes a calendar day
 * 23 or 25 hours long, as Scheduler does.
 *
 * @param value how many units between firings, at least 1
 * @param unit {@link ChronoUnit#MINUTES}, {@link ChronoUnit#HOURS} or {@link ChronoUnit#DAYS}
 * @see <a href="https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rate-expressions.html">Rate expressions reference</a>
 */
public record RateExpression(long value, ChronoUnit unit) implements ScheduleExpression {
    private static final Pattern SHAPE = Pattern.compile("rate\\((\\S+) (\\S+)\\)");

    public RateExpression {
        Objects.requireNonNull(unit, "unit");
        String text = "rate(" + value + " " + unit.name().toLowerCase() + ")";
        if (unit != ChronoUnit.MINUTES && unit != ChronoUnit.HOURS && unit != ChronoUnit.DAYS) {
            throw new InvalidScheduleExpressionException(text, "unit must be minutes, hours or days, was " + unit);
        }
        if (value < 1) {
            throw new InvalidScheduleExpressionException(
                    text, "value " + value + " must be a whole number of at least 1");
        }
        if (value > Long.MAX_VALUE / unit.getDuration().getSeconds()) {
            throw new InvalidScheduleExpressionException(text, "value " + value + " is too large");
        }
    }

    /** Parses {@code rate(value unit)}; {@code text} is trimmed and starts with {@code rate(}. */
    static RateExpression parse(String text) {
        Matcher m = SHAPE.matcher(text);
        if (!m.matches()) {
            throw new InvalidScheduleExpressionException(
                    text,
                    "must be rate(value unit), one space between a whole number and minute(s), hour(s) or day(s), such as rate(5 minutes)");
        }
        String valueText = m.group(1);
        String unitText = m.group(2);
        long value;
        try {
            value = valueText.chars().allMatch(Character::isDigit) ? Long.parseLong(valueText) : -1;
        } catch (NumberFormatException e) {
            throw new InvalidScheduleExpressionException(text, "value '" + valueText + "' is too large");
        }
        if (value < 1) {
            throw new InvalidScheduleExpressionException(
                    text, "value '" + valueText + "' must be a whole number of at least 1");
        }
        ChronoUnit unit = switch (unitText) {
            case "minute", "minutes" -> ChronoUnit.MINUTES;
            case "hour", "hours" -> ChronoUnit.HOURS;
            case "day", "days" -> ChronoUnit.DAYS;
            default ->
                throw new InvalidScheduleExpressionException(
                        text, "unit '" + unitText + "' must be one of minute, minutes, hour, hours, day, days");
        };
        boolean plural = unitText.endsWith("s");
        if (value == 1 && plural) {
            throw new InvalidScheduleExpressionException(
                    text,
                    "unit '" + unitText + "' must be singular when the value is 1: rate(1 " + singular(unit) + ")");
        }
        if (value > 1 && !plural) {
            throw new InvalidScheduleExpressionException(
                    text,
                    "unit '" + unitText + "' must be plural when the value is more than 1: rate(" + value + " "
                            + singular(unit) + "s)");
        }
        return new RateExpression(value, unit);
    }

    private static String singular(ChronoUnit unit) {
        return switch (unit) {
            case MINUTES -> "minute";
            case HOURS -> "hour";
            default -> "day";
        };
    }

    /** The time between two firings. */
    public Duration interval() {
        return Duration.of(value, unit);
    }

    @Override
    public String text() {
        return "rate(" + value + " " + singular(unit) + (value == 1 ? "" : "s") + ")";
    }

    /** {@code start} itself when {@code after} is before it, else the first {@code start + k * interval} after {@code after}; the zone plays no part. */
    @Override
    public Optional<Instant> nextFireAfter(Instant after, Instant start, ZoneId zone) {
        if (after.isBefore(start)) {
            return Optional.of(start);
        }
        long intervalSeconds = interval().getSeconds();
        // Whole seconds are enough: an interval is whole minutes, and flooring the elapsed time keeps a
        // fire time that lands exactly on `after` out (strictly after).
        long elapsed = Duration.between(start, after).getSeconds();
        try {
            long k = elapsed / intervalSeconds + 1;
            return Optional.of(start.plusSeconds(Math.multiplyExact(k, intervalSeconds)));
        } catch (ArithmeticException | DateTimeException e) {
            return Optional.empty();
        }
    }
}
