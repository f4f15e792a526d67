package io.sluice.local.scheduler;

/**
 * EventBridge Scheduler's {@code FlexibleTimeWindow}: {@code OFF}, or {@code FLEXIBLE} with a window of 1 to
 * 1440 minutes in which AWS may invoke the target at any moment. sluice-local stores the window and fires at
 * its start, the scheduled time itself, which is one of the moments AWS may pick; code must not rely on
 * either.
 *
 * @param maximumWindowInMinutes the window's length; {@code null} when the mode is {@code OFF}
 */
public record FlexibleTimeWindow(Mode mode, Integer maximumWindowInMinutes) {
    /** No window: the target is invoked at the scheduled time. */
    public static final FlexibleTimeWindow OFF = new FlexibleTimeWindow(Mode.OFF, null);

    /** {@code OFF} or {@code FLEXIBLE}, as the API spells them. */
    public enum Mode {
        OFF,
        FLEXIBLE
    }
}
