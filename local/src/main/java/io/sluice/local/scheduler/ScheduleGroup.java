package io.sluice.local.scheduler;

import java.time.Instant;

/**
 * A schedule group: a namespace for schedules (Sluice keeps its schedules in a group named after the app).
 * The {@value ScheduleRegistry#DEFAULT_GROUP} group always exists and cannot be deleted; deleting any other
 * group deletes its schedules with it.
 *
 * @param clientToken the {@code ClientToken} of the call that created it, for the SDK's retries of that call
 */
public record ScheduleGroup(String name, Instant creationDate, Instant lastModificationDate, String clientToken) {}
