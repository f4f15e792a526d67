package io.sluice.schedule;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A one-time schedule, {@code at(yyyy-mm-ddThh:mm:ss)}: a local date and time with no zone and no
 * fraction of a second, read in the schedule's time zone. It fires once; Scheduler ignores a StartDate
 * for one-time schedules, and so does {@link #nextFireAfter}.
 *
 * @param at the local date-time it fires at; any fraction of a second is dropped, as the expression has none
 */
public record AtExpression(LocalDateTime at) implements ScheduleExpression {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern SHAPE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}");

    public AtExpression {
        Objects.requireNonNull(at, "at");
        if (at.getYear() < 0 || at.getYear() > 9999) {
            throw new InvalidScheduleExpressionException(
                    "at(" + at + ")", "year " + at.getYear() + " is not a four-digit year");
        }
        at = at.truncatedTo(ChronoUnit.SECONDS);
    }

    /** Parses {@code at(yyyy-mm-ddThh:mm:ss)}; {@code text} is trimmed and starts with {@code at(}. */
    static AtExpression parse(String text) {
        if (!text.endsWith(")")) {
            throw new InvalidScheduleExpressionException(text, "must end with ')': at(yyyy-mm-ddThh:mm:ss)");
        }
        String dateTime = text.substring("at(".length(), text.length() - 1);
        if (!SHAPE.matcher(dateTime).matches()) {
            throw new InvalidScheduleExpressionException(
                    text,
                    "date-time '" + dateTime
                            + "' must be yyyy-mm-ddThh:mm:ss with no zone or fraction, such as 2026-12-01T10:00:00");
        }
        try {
            return new AtExpression(LocalDateTime.parse(dateTime, FORMAT));
        } catch (DateTimeException e) {
            throw new InvalidScheduleExpressionException(
                    text,
                    "date-time '" + dateTime + "' is not a real date and time ("
                            + e.getMessage().replaceFirst("^Text '[^']*' could not be parsed: ", "") + ")");
        }
    }

    @Override
    public String text() {
        return "at(" + FORMAT.format(at) + ")";
    }

    /**
     * The {@link #at} instant in {@code zone} when it is after {@code after}; {@code start} plays no part. A
     * local time that a daylight-saving change skips is shifted forward by the gap (02:30 becomes 03:30): a
     * one-time job is never dropped. A repeated local time fires at its first occurrence.
     */
    @Override
    public Optional<Instant> nextFireAfter(Instant after, Instant start, ZoneId zone) {
        Instant fire = ZonedDateTime.ofLocal(at, zone, null).toInstant();
        return fire.isAfter(after) ? Optional.of(fire) : Optional.empty();
    }
}
