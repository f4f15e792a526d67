package io.sluice.ops;

import io.sluice.client.SluiceClient;
import io.sluice.job.Priority;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;
import software.amazon.awssdk.services.lambda.model.ListEventSourceMappingsResponse;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ListSchedulesResponse;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;
import software.amazon.awssdk.services.scheduler.model.ScheduleSummary;

/**
 * Whether a type's queues are consumed, and the switch: on AWS the {@code Enabled} flag of the event source mappings
 * that read each queue (found by the queue's ARN, whichever function or alias they invoke); in sluice-local the same
 * Lambda API, served by the emulator that runs the pollers. Pausing also disables the recurring schedules that fire
 * into a paused queue, so nothing piles up from them; one-time schedules of single delayed jobs ({@code job-<id>})
 * are left alone, since a disabled one-time schedule would not fire once its time has passed, and their jobs would
 * only wait in the paused queue anyway.
 */
final class Consumption {
    private static final Logger LOG = LoggerFactory.getLogger(Consumption.class);

    private final LambdaClient lambda;
    private final SchedulerClient scheduler;
    private final QueueDirectory queues;
    private final String scheduleGroup;

    Consumption(LambdaClient lambda, SchedulerClient scheduler, QueueDirectory queues, String scheduleGroup) {
        this.lambda = lambda;
        this.scheduler = scheduler;
        this.queues = queues;
        this.scheduleGroup = scheduleGroup;
    }

    /** The mappings that read the queue; empty when none does (not deployed, or sluice-local without consumers). */
    List<ConsumerStatus> consumers(QueuePair q) {
        List<ConsumerStatus> found = new ArrayList<>();
        String marker = null;
        do {
            String from = marker;
            ListEventSourceMappingsResponse page = lambda.listEventSourceMappings(
                    r -> r.eventSourceArn(q.arn()).marker(from));
            for (EventSourceMappingConfiguration m : page.eventSourceMappings()) {
                found.add(new ConsumerStatus(
                        m.uuid(),
                        m.functionArn(),
                        "Enabled".equals(m.state()) || "Enabling".equals(m.state()),
                        m.state(),
                        m.lastProcessingResult()));
            }
            marker = page.nextMarker();
        } while (marker != null && !marker.isEmpty());
        return found;
    }

    /** The app's recurring schedules (one-time job schedules left out), by the queue they fire into. */
    Map<String, List<ScheduleStatus>> schedulesByTarget() {
        List<ScheduleStatus> all = new ArrayList<>();
        String token = null;
        do {
            String from = token;
            ListSchedulesResponse page =
                    scheduler.listSchedules(r -> r.groupName(scheduleGroup).nextToken(from));
            for (ScheduleSummary s : page.schedules()) {
                if (s.name().startsWith(SluiceClient.ONE_TIME_PREFIX) || s.target() == null) {
                    continue;
                }
                all.add(new ScheduleStatus(
                        s.name(), null, null, s.stateAsString(), s.target().arn()));
            }
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
        return all.stream().collect(Collectors.groupingBy(ScheduleStatus::targetQueueArn));
    }

    PauseResult set(String type, Priority priority, boolean enabled) {
        List<QueuePair> pairs = queues.of(type, priority);
        List<String> switched = new ArrayList<>();
        for (QueuePair q : pairs) {
            List<ConsumerStatus> consumers = consumers(q);
            if (consumers.isEmpty()) {
                throw new OperationException(
                        OperationException.Kind.UNAVAILABLE,
                        "no event source mapping reads " + q.name() + "; is the stack deployed (or sluice-local up"
                                + " with its consumers) for app '"
                                + queues.topology().app() + "'?");
            }
            for (ConsumerStatus c : consumers) {
                if (c.enabled() != enabled) {
                    lambda.updateEventSourceMapping(r -> r.uuid(c.mappingId()).enabled(enabled));
                }
                switched.add(c.mappingId());
            }
        }
        Set<String> arns = pairs.stream().map(QueuePair::arn).collect(Collectors.toSet());
        List<String> schedules = new ArrayList<>();
        schedulesByTarget().forEach((arn, list) -> {
            if (arns.contains(arn)) {
                list.forEach(s -> {
                    switchSchedule(s.name(), enabled);
                    schedules.add(s.name());
                });
            }
        });
        LOG.info(
                "{} {}{}: mappings {}, schedules {}",
                enabled ? "resumed" : "paused",
                type,
                priority == null ? "" : " " + priority.wireName(),
                switched,
                schedules);
        return new PauseResult(type, priority, !enabled, switched, schedules);
    }

    /** UpdateSchedule replaces the whole definition, so it is read first and written back with the new state. */
    private void switchSchedule(String name, boolean enabled) {
        GetScheduleResponse s =
                scheduler.getSchedule(r -> r.groupName(scheduleGroup).name(name));
        ScheduleState state = enabled ? ScheduleState.ENABLED : ScheduleState.DISABLED;
        if (s.state() == state) {
            return;
        }
        scheduler.updateSchedule(r -> r.name(name)
                .groupName(scheduleGroup)
                .scheduleExpression(s.scheduleExpression())
                .scheduleExpressionTimezone(s.scheduleExpressionTimezone())
                .flexibleTimeWindow(s.flexibleTimeWindow())
                .target(s.target())
                .description(s.description())
                .startDate(s.startDate())
                .endDate(s.endDate())
                .kmsKeyArn(s.kmsKeyArn())
                .actionAfterCompletion(s.actionAfterCompletion())
                .state(state));
    }
}
