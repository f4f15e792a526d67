package io.sluice.local.scheduler;

/**
 * Every error the local scheduler answers with, as EventBridge Scheduler's API names it: the code goes into
 * the restJson1 error's {@code x-amzn-ErrorType} header and {@code __type} field, from which the AWS SDKs pick
 * the exception class ({@code ValidationException}, {@code ConflictException}, ...), and the status is the one
 * the service model gives that error.
 */
public enum SchedulerError {
    /** A field is missing, malformed or out of range; the message names it. */
    VALIDATION("ValidationException", 400),
    /** The request body is not JSON, or a field has the wrong JSON type. */
    SERIALIZATION("SerializationException", 400),
    /** A schedule or group of that name already exists. */
    CONFLICT("ConflictException", 409),
    /** No such schedule or group. */
    RESOURCE_NOT_FOUND("ResourceNotFoundException", 404),
    /** An operation of the Scheduler API that sluice-local does not emulate (tags, for one). */
    UNKNOWN_OPERATION("UnknownOperationException", 404),
    /** A fault of the emulator itself. */
    INTERNAL_SERVER("InternalServerException", 500);

    private final String code;
    private final int status;

    SchedulerError(String code, int status) {
        this.code = code;
        this.status = status;
    }

    /** The error code the SDK maps to an exception class. */
    public String code() {
        return code;
    }

    /** The HTTP status the service model gives this error. */
    public int status() {
        return status;
    }
}
