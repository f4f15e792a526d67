package io.sluice.local.scheduler;

import java.util.List;

/**
 * One page of a {@code ListSchedules} or {@code ListScheduleGroups} answer, with the {@code NextToken} that
 * continues it ({@code null} on the last page).
 */
public record ListingPage<T>(List<T> items, String nextToken) {
    public ListingPage {
        items = List.copyOf(items);
    }
}
