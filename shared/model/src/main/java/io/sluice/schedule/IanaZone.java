package io.sluice.schedule;

import java.time.ZoneId;
import java.util.Optional;

/**
 * The time zones EventBridge Scheduler accepts for {@code ScheduleExpressionTimezone}: IANA region ids such as
 * {@code Europe/Paris} or {@code UTC}. Java's {@link ZoneId#of} also takes offsets ({@code +02:00}) and prefixed
 * offsets ({@code UTC+2}, {@code GMT+3}), which Scheduler refuses, so checking with it alone lets a schedule
 * through here that AWS would reject.
 */
public final class IanaZone {
    private IanaZone() {}

    /** The zone, if {@code id} is an IANA time zone id. */
    public static Optional<ZoneId> of(String id) {
        return id != null && ZoneId.getAvailableZoneIds().contains(id) ? Optional.of(ZoneId.of(id)) : Optional.empty();
    }
}
