package io.sluice.local.scheduler;

/**
 * What happens to a schedule once it can fire no more: EventBridge Scheduler's {@code ActionAfterCompletion}.
 * A one-time {@code at()} schedule completes when it has fired; a recurring one when its {@code EndDate}
 * has passed. {@link #DELETE} removes it then, which is how the producer client's one-time schedules clean
 * up after themselves.
 */
public enum ActionAfterCompletion {
    NONE,
    DELETE
}
