package io.sluice.infra;

import io.sluice.infra.jobs.FunctionEnvironment;
import io.sluice.infra.jobs.JobLambda;
import io.sluice.infra.jobs.JobLambdaProps;
import io.sluice.infra.jobs.JobQueues;
import io.sluice.infra.monitoring.AlarmThresholds;
import io.sluice.infra.monitoring.JobAlarms;
import io.sluice.infra.monitoring.JobAlarmsProps;
import io.sluice.infra.schedule.Schedules.CatalogueSchedule;
import io.sluice.topology.JobTopology;
import java.util.Optional;
import software.constructs.Construct;

/**
 * One job type on AWS, all of it derived from the type's {@link JobTopology} and {@link JobSettings}, with no per-type
 * code: its {@link JobQueues}, its {@link JobLambda} with one event source mapping per queue, its {@link JobAlarms},
 * and its catalogue schedule if the entry declares one. The schedule is made by the app's
 * {@link io.sluice.infra.schedule.Schedules}, so its resources sit in that construct beside the group it belongs to
 * (where they have always been, which keeps their logical ids), but it belongs to this type: its dead-letter queue
 * counts in this type's dead-letter alarm.
 */
public final class SluiceJob extends Construct {
    private final JobTopology topology;
    private final JobQueues queues;
    private final JobLambda lambda;
    private final Optional<CatalogueSchedule> schedule;
    private final JobAlarms alarms;

    /** @throws IllegalArgumentException naming the setting, secret or grant of the type that is not allowed */
    public SluiceJob(Construct scope, String id, SluiceJobProps props) {
        super(scope, id);
        topology = props.job();
        JobSettings settings = props.settings();
        queues = new JobQueues(this, "Queues", topology);
        FunctionEnvironment environment =
                FunctionEnvironment.of(props.app(), topology.type(), settings.overrides(), settings.environment());
        lambda = new JobLambda(
                this,
                "Function",
                JobLambdaProps.builder()
                        .job(topology)
                        .queues(queues)
                        .code(props.code())
                        .environment(environment)
                        .tables(props.tables())
                        .access(settings.access())
                        .build());
        schedule = props.schedules().addJob(topology, queues);
        alarms = new JobAlarms(
                this,
                "Alarms",
                JobAlarmsProps.builder()
                        .app(props.app())
                        .job(topology)
                        .queues(queues)
                        .lambda(lambda)
                        .scheduleDeadLetters(
                                schedule.map(CatalogueSchedule::deadLetterQueue).orElse(null))
                        .thresholds(AlarmThresholds.defaults(topology).with(settings.alarms()))
                        .alarmTopic(props.alarmTopic())
                        .build());
    }

    /** The type as the topology derived it (after the settings' overrides). */
    public JobTopology topology() {
        return topology;
    }

    public JobQueues queues() {
        return queues;
    }

    public JobLambda lambda() {
        return lambda;
    }

    public JobAlarms alarms() {
        return alarms;
    }

    /** The type's catalogue schedule; empty when its entry declares none. */
    public Optional<CatalogueSchedule> schedule() {
        return schedule;
    }
}
