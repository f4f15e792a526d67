package io.sluice.client;

import java.util.List;

/**
 * One page of the app's recurring schedules, in Scheduler's name order, and the token of the next page ({@code null}
 * on the last). A page may hold fewer schedules than asked, none even, while more follow: the one-time job schedules
 * that share the group are left out after Scheduler paged them.
 */
public record SchedulePage(List<RecurringSchedule> schedules, String nextToken) {
    public SchedulePage {
        schedules = List.copyOf(schedules);
    }
}
