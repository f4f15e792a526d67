package io.sluice.schedule;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one field of a cron expression into a {@link CronField} or {@link CronDays}, refusing what
 * EventBridge refuses with a message that names the field, the part at fault and the allowed form.
 * Names (JAN, MON) are read without regard to case, as Quartz-style parsers do.
 */
final class CronFieldParser {
    private static final Pattern NEAREST_WEEKDAY = Pattern.compile("(\\d{1,2})W");
    private static final Pattern LAST_DAY_OF_WEEK = Pattern.compile("([0-9A-Z]+)L");
    private static final Pattern NTH_DAY_OF_WEEK = Pattern.compile("([0-9A-Z]+)#(\\d+)");

    private final String expression;

    CronFieldParser(String expression) {
        this.expression = expression;
    }

    /** Minutes, hours, month or year: lists of values, ranges and steps. */
    CronField plain(CronFieldType type, String field) {
        if (field.contains("?")) {
            throw fail(type, field, field, "is not allowed: only day-of-month and day-of-week take '?'");
        }
        return new CronField(values(type, field));
    }

    /** Day-of-month: {@code ?}, values, {@code L}, {@code LW} or {@code nW}. */
    CronDays dayOfMonth(String field) {
        CronFieldType type = CronFieldType.DAY_OF_MONTH;
        String upper = field.toUpperCase(Locale.ROOT);
        if (upper.equals("?")) {
            return new CronDays.NoSpecificValue();
        }
        if (upper.equals("L")) {
            return new CronDays.LastDayOfMonth();
        }
        if (upper.equals("LW")) {
            return new CronDays.LastWeekdayOfMonth();
        }
        if (upper.contains("L") || upper.contains("W")) {
            Matcher m = NEAREST_WEEKDAY.matcher(upper);
            if (m.matches()) {
                int day = Integer.parseInt(m.group(1));
                if (day < type.min || day > type.max) {
                    throw fail(type, field, m.group(1), "is out of range 1-31");
                }
                return new CronDays.NearestWeekday(day);
            }
            throw fail(
                    type,
                    field,
                    field,
                    "is not a day-of-month form: L, W and LW stand alone as L (last day), LW (last weekday)"
                            + " or nW (weekday nearest day n, such as 15W), never in a list, range or step");
        }
        if (upper.contains("?")) {
            throw fail(type, field, field, "uses '?' in a list, range or step; '?' stands alone");
        }
        return new CronDays.DaysOfMonth(new CronField(values(type, field)));
    }

    /** Day-of-week: {@code ?}, values (1 = SUN), {@code L}, {@code nL} or {@code n#k}. */
    CronDays dayOfWeek(String field) {
        CronFieldType type = CronFieldType.DAY_OF_WEEK;
        String upper = field.toUpperCase(Locale.ROOT);
        if (upper.equals("?")) {
            return new CronDays.NoSpecificValue();
        }
        if (upper.equals("L")) {
            return new CronDays.DaysOfWeek(Set.of(CronDays.dayOfWeek(7)));
        }
        if (upper.contains("#")) {
            Matcher m = NTH_DAY_OF_WEEK.matcher(upper);
            if (!m.matches()) {
                throw fail(
                        type,
                        field,
                        field,
                        "is not a '#' form: n#k stands alone, one of them only, such as 3#2 (the second"
                                + " Tuesday of the month)");
            }
            int day = value(type, field, m.group(1));
            int week = m.group(2).length() > 1 ? 0 : Integer.parseInt(m.group(2));
            if (week < 1 || week > 5) {
                throw fail(
                        type,
                        field,
                        field,
                        "asks for week " + m.group(2) + " of the month; the number after '#' must be 1-5");
            }
            return new CronDays.NthDayOfWeekInMonth(CronDays.dayOfWeek(day), week);
        }
        if (upper.contains("L")) {
            Matcher m = LAST_DAY_OF_WEEK.matcher(upper);
            if (!m.matches()) {
                throw fail(
                        type,
                        field,
                        field,
                        "is not an 'L' form: L (Saturday) or nL (the last day n of the month, such as 5L)"
                                + " stands alone, never in a list, range or step");
            }
            return new CronDays.LastDayOfWeekInMonth(CronDays.dayOfWeek(value(type, field, m.group(1))));
        }
        if (upper.contains("?")) {
            throw fail(type, field, field, "uses '?' in a list, range or step; '?' stands alone");
        }
        if (upper.contains("/")) {
            throw fail(type, field, field, "has a step; day-of-week takes no '/' (allowed: " + type.wildcards + ")");
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (int n : values(type, field)) {
            days.add(CronDays.dayOfWeek(n));
        }
        return new CronDays.DaysOfWeek(days);
    }

    private List<Integer> values(CronFieldType type, String field) {
        TreeSet<Integer> values = new TreeSet<>();
        for (String item : field.split(",", -1)) {
            if (item.isEmpty()) {
                throw fail(type, field, field, "has an empty item in its list");
            }
            addItem(type, field, item, values);
        }
        return new ArrayList<>(values);
    }

    /** One list item: {@code *}, {@code n}, {@code a-b}, each optionally followed by {@code /step}. */
    private void addItem(CronFieldType type, String field, String item, TreeSet<Integer> values) {
        String base = item;
        int step = 1;
        int slash = item.indexOf('/');
        if (slash >= 0) {
            if (!type.allowsStep()) {
                throw fail(
                        type,
                        field,
                        item,
                        "has a step; " + type.label + " takes no '/' (allowed: " + type.wildcards + ")");
            }
            base = item.substring(0, slash);
            String stepText = item.substring(slash + 1);
            int maxStep = type.max - type.min;
            if (stepText.isEmpty() || !stepText.chars().allMatch(Character::isDigit)) {
                throw fail(type, field, item, "has step '" + stepText + "', which must be a whole number 1-" + maxStep);
            }
            step = stepText.length() > 4 ? Integer.MAX_VALUE : Integer.parseInt(stepText);
            if (step < 1 || step > maxStep) {
                throw fail(type, field, item, "has step " + stepText + ", which must be 1-" + maxStep);
            }
            if (base.isEmpty()) {
                throw fail(type, field, item, "has no start before '/'; write */" + stepText + " or n/" + stepText);
            }
        }
        int from;
        int to;
        if (base.equals("*")) {
            from = type.min;
            to = type.max;
        } else {
            int dash = base.indexOf('-');
            if (dash >= 0) {
                if (dash == 0 || dash == base.length() - 1) {
                    throw fail(
                            type,
                            field,
                            base,
                            "is an incomplete range; write start-end, such as " + type.min + "-" + (type.min + 1));
                }
                from = value(type, field, base.substring(0, dash));
                to = value(type, field, base.substring(dash + 1));
                if (from > to) {
                    throw fail(type, field, base, "is a reversed range: its start is after its end");
                }
            } else {
                from = value(type, field, base);
                // n/step runs from n to the end of the field's range, as in Quartz: 5/15 in minutes is 5,20,35,50.
                to = slash >= 0 ? type.max : from;
            }
        }
        for (int v = from; v <= to; v += step) {
            values.add(v);
            if (to - v < step) {
                break;
            }
        }
    }

    /** One value: a number in range, or a name where the field has names. */
    private int value(CronFieldType type, String field, String token) {
        if (!token.isEmpty() && token.chars().allMatch(Character::isDigit)) {
            int v = token.length() > 5 ? Integer.MAX_VALUE : Integer.parseInt(token);
            if (v < type.min || v > type.max) {
                throw fail(type, field, token, "is out of range " + type.range());
            }
            return v;
        }
        String upper = token.toUpperCase(Locale.ROOT);
        int named = type.names.indexOf(upper);
        if (named >= 0) {
            return type.min + named;
        }
        if (upper.equals("L") || upper.equals("W") || upper.contains("#") || upper.equals("*")) {
            throw fail(
                    type,
                    field,
                    token,
                    "is not allowed here (" + type.label + " allows " + type.range() + " with " + type.wildcards + ")");
        }
        throw fail(type, field, token, "is not a value " + type.range());
    }

    /**
     * The error for {@code part} of {@code field}: {@code hours field '25' is out of range 0-23} when the part
     * is the whole field, {@code hours field '1,25': '25' is out of range 0-23} when it is one piece of it.
     */
    InvalidScheduleExpressionException fail(CronFieldType type, String field, String part, String problem) {
        String where = type.label + " field '" + field + "'";
        boolean whole = part.equalsIgnoreCase(field);
        return new InvalidScheduleExpressionException(
                expression, whole ? where + " " + problem : where + ": '" + part + "' " + problem);
    }
}
