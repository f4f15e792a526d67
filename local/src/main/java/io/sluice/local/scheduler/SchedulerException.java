package io.sluice.local.scheduler;

/**
 * A request the local scheduler refuses, with the {@link SchedulerError} it answers and a message in AWS's
 * words. Validation messages follow the service's own form, naming the field by its path in the request:
 * {@code 1 validation error detected: Value 'rate(0 minutes)' at 'scheduleExpression' failed to satisfy
 * constraint: ...}.
 */
public final class SchedulerException extends RuntimeException {
    private final SchedulerError error;

    public SchedulerException(SchedulerError error, String message) {
        super(message);
        this.error = error;
    }

    public SchedulerError error() {
        return error;
    }

    /** {@code field} (a request path such as {@code target.arn}) holds {@code value}, which breaks {@code constraint}. */
    public static SchedulerException invalid(String field, Object value, String constraint) {
        return new SchedulerException(
                SchedulerError.VALIDATION,
                "1 validation error detected: Value " + (value == null ? "null" : "'" + value + "'") + " at '" + field
                        + "' failed to satisfy constraint: " + constraint);
    }

    /** A required {@code field} is missing. */
    public static SchedulerException missing(String field) {
        return invalid(field, null, "Member must not be null");
    }

    public static SchedulerException scheduleNotFound(String group, String name) {
        return new SchedulerException(
                SchedulerError.RESOURCE_NOT_FOUND,
                "Schedule " + name + " does not exist in schedule group " + group + ".");
    }

    public static SchedulerException groupNotFound(String group) {
        return new SchedulerException(
                SchedulerError.RESOURCE_NOT_FOUND, "Schedule group " + group + " does not exist.");
    }
}
