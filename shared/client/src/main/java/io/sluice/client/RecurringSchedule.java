package io.sluice.client;

import io.sluice.job.Priority;
import java.time.Instant;

/**
 * A recurring schedule in the app's schedule group, as {@link SluiceClient#schedules()} lists it: one a job
 * type declares in the catalogue, or one created at run time with {@link SluiceClient#schedule}.
 *
 * @param expression {@code cron(...)} or {@code rate(...)}
 * @param timezone the IANA zone the expression is read in
 * @param type the job type its firings run, read from the target input; {@code null} if the input is not a Sluice envelope
 * @param priority the priority of its firings; {@code null} as for {@code type}
 * @param enabled whether Scheduler fires it
 * @param declaredByCatalogue whether a job type's {@code @Job(schedule = …)} owns it (change it there, not here)
 */
public record RecurringSchedule(
        String name,
        String expression,
        String timezone,
        String type,
        Priority priority,
        boolean enabled,
        Instant created,
        boolean declaredByCatalogue) {}
