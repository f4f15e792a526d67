package io.sluice.local.cli;

import io.sluice.local.LocalOptions;
import io.sluice.local.scheduler.ScheduleTimes;
import io.sluice.runtime.QueueArn;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;
import software.amazon.awssdk.services.scheduler.model.ScheduleSummary;

/**
 * {@code sluice-local schedules list}: every schedule (or those of one group, or with a name prefix), with
 * its next fire time computed from its expression, time zone and dates the way the scheduler computes it.
 * One {@code ListSchedules} page after another, then one {@code GetSchedule} per schedule (the summaries
 * carry no expression).
 */
@Command(
        name = "list",
        description =
                "List schedules: name, group, expression, time zone, next fire time (UTC), state and target queue.")
public final class SchedulesListCommand implements Callable<Integer> {
    @Option(
            names = "--scheduler-endpoint",
            paramLabel = "URL",
            description = "EventBridge Scheduler to read (default: $AWS_ENDPOINT_URL_SCHEDULER, else the running"
                    + " `sluice-local up`'s, else http://127.0.0.1:9326).")
    URI schedulerEndpoint;

    @Option(
            names = "--region",
            paramLabel = "REGION",
            description = "Region to sign requests for (default: ${DEFAULT-VALUE}).")
    String region = LocalOptions.defaults().region();

    @Option(names = "--group", paramLabel = "NAME", description = "Only this schedule group (default: every group).")
    String group;

    @Option(names = "--prefix", paramLabel = "PREFIX", description = "Only schedules whose names start with PREFIX.")
    String prefix;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (schedulerEndpoint == null) {
            schedulerEndpoint = io.sluice.local.LocalEndpoints.resolve(java.util.Map.of(), System.getenv())
                    .scheduler();
        }
        List<ScheduleTable.Row> rows = new ArrayList<>();
        Instant now = Instant.now();
        try (SchedulerClient scheduler = ProducerOptions.localScheduler(schedulerEndpoint, region)) {
            List<ScheduleSummary> summaries =
                    scheduler.listSchedulesPaginator(r -> r.groupName(group).namePrefix(prefix)).schedules().stream()
                            .toList();
            for (ScheduleSummary summary : summaries) {
                try {
                    rows.add(row(
                            scheduler.getSchedule(
                                    r -> r.groupName(summary.groupName()).name(summary.name())),
                            now));
                } catch (ResourceNotFoundException deletedMeanwhile) {
                    // A one-time schedule that fired (and deleted itself) between the listing and this read.
                }
            }
        } catch (ResourceNotFoundException e) {
            throw new IllegalStateException("no schedule group '" + group + "' at " + schedulerEndpoint, e);
        } catch (SdkClientException e) {
            throw new IllegalStateException(
                    "cannot reach the scheduler at " + schedulerEndpoint + " (" + RootCause.message(e)
                            + "); start `sluice-local up` or pass --scheduler-endpoint",
                    e);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (rows.isEmpty()) {
            out.println("no schedules" + (group == null ? "" : " in group " + group)
                    + (prefix == null ? "" : " named " + prefix + "...") + " at " + schedulerEndpoint);
        } else {
            rows.sort(Comparator.comparing(ScheduleTable.Row::group).thenComparing(ScheduleTable.Row::name));
            out.print(ScheduleTable.rows(rows));
        }
        out.flush();
        return 0;
    }

    private static ScheduleTable.Row row(GetScheduleResponse s, Instant now) {
        String zone = s.scheduleExpressionTimezone() == null ? "UTC" : s.scheduleExpressionTimezone();
        Instant next = null;
        if (s.state() == ScheduleState.ENABLED) {
            try {
                next = ScheduleTimes.of(s.scheduleExpression(), zone, s.startDate(), s.endDate(), s.creationDate())
                        .next(now)
                        .orElse(null);
            } catch (RuntimeException unreadable) {
                // An expression this scheduler would not have taken (another endpoint's): listed without a next time.
            }
        }
        String target = s.target().arn();
        try {
            target = QueueArn.parse(target).name();
        } catch (IllegalArgumentException notAQueue) {
            // Shown as the ARN it is.
        }
        return new ScheduleTable.Row(
                s.name(), s.groupName(), s.scheduleExpression(), zone, next, s.stateAsString(), target);
    }
}
