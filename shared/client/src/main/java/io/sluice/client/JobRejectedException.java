package io.sluice.client;

/**
 * A job or schedule the client refused before sending anything: unknown type, a priority the type does not
 * declare, a payload its handler rejects, a run-at in the past, a bad schedule expression. The message names
 * what was wrong; nothing was sent to SQS or Scheduler.
 */
public final class JobRejectedException extends IllegalArgumentException {
    public JobRejectedException(String message) {
        super(message);
    }
}
