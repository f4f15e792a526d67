package io.sluice.local.scheduler;

import java.time.Instant;

/**
 * A stored schedule: its name and group, the caller's {@link ScheduleDefinition}, the dates AWS reports, and
 * how far the local scheduler has fired it.
 *
 * @param clientToken the {@code ClientToken} of the {@code CreateSchedule} call that made it, so that the SDK's
 *     retry of that very call succeeds instead of meeting a conflict
 * @param firedThrough the scheduled time of the last occurrence that was delivered (or given up on);
 *     {@code null} before the first, and again after every update, which starts the schedule afresh
 */
public record Schedule(
        String name,
        String groupName,
        ScheduleDefinition definition,
        Instant creationDate,
        Instant lastModificationDate,
        String clientToken,
        Instant firedThrough) {

    /** {@code <group>/<name>}: unique within a scheduler, and the order schedules are listed in. */
    public String key() {
        return key(groupName, name);
    }

    /** The key of schedule {@code name} in {@code group}. */
    public static String key(String group, String name) {
        return group + "/" + name;
    }

    /** This schedule, fired through {@code scheduledTime}. */
    public Schedule firedThrough(Instant scheduledTime) {
        return new Schedule(
                name, groupName, definition, creationDate, lastModificationDate, clientToken, scheduledTime);
    }
}
