package io.sluice.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import io.sluice.catalogue.Catalogue;
import io.sluice.catalogue.JobOverrides;
import io.sluice.infra.access.ProducerAccess;
import io.sluice.infra.access.ProducerAccessProps;
import io.sluice.infra.jobs.JobQueues;
import io.sluice.infra.jobs.JobQueues.PriorityQueue;
import io.sluice.infra.monitoring.AlarmSettings;
import io.sluice.infra.monitoring.AlarmTopic;
import io.sluice.infra.monitoring.JobDashboard;
import io.sluice.infra.monitoring.JobDashboardProps;
import io.sluice.infra.schedule.Schedules;
import io.sluice.infra.schedule.SchedulesProps;
import io.sluice.infra.state.JobTables;
import io.sluice.limit.RateLimitTable;
import io.sluice.store.JobsTable;
import io.sluice.schedule.ScheduledEnvelope;
import io.sluice.topology.JobTopology;
import io.sluice.topology.Topology;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * Sluice on AWS for one app: the job catalogue (with its per-environment overrides) turned into the
 * {@link Topology} that sluice-local also uses, and that into resources, with no per-type code:
 * <ul>
 *   <li>per job type, a {@link SluiceJob} ({@code Jobs/<type>}): queues, function with its event source mappings,
 *       alarms, and its catalogue schedule if it declares one;</li>
 *   <li>shared: {@link JobTables}, {@link Schedules} (group, producer scheduler role), {@link AlarmTopic},
 *       {@link ProducerAccess}, and the {@link JobDashboard};</li>
 *   <li>outputs: queue URLs per type and priority, table names, the dashboard URL, the alarm topic, the producer
 *       policy, the schedule group and the producer scheduler role.</li>
 * </ul>
 * cdk-nag's AwsSolutions rules run on every synthesis; each suppression sits next to the resource it concerns,
 * with its reason.
 */
public final class SluiceStack extends Stack {
    private final Topology topology;
    /** Which job type each queue-URL output belongs to, to refuse two types whose output ids collide. */
    private final Map<String, String> outputOwners = new HashMap<>();

    public SluiceStack(Construct scope, String id, SluiceStackProps props) {
        super(scope, id, StackProps.builder()
                .env(props.env())
                .description("Sluice background jobs (app " + props.app() + "): queues, functions, tables, schedules, alarms")
                .build());
        String app = props.app();
        Catalogue effective = props.catalogue().withOverrides(type -> props.overrides().get(type));
        topology = Topology.derive(app, effective);

        Code code = Code.fromAsset(props.lambdaJar().toString());
        JobTables tables = new JobTables(this, "Tables", topology.tables(), props.retainData());
        Table jobsTable = tables.table(JobsTable.name(app));
        Table rateLimitsTable = tables.table(RateLimitTable.name(app));
        AlarmTopic alarmTopic = new AlarmTopic(this, "AlarmTopic", app, props.alarmEmail());
        Schedules schedules = new Schedules(this, "Schedules", SchedulesProps.builder().app(app).retain(props.retainData())
                .alarmTopic(alarmTopic.topic()).build());

        Construct jobsScope = new Construct(this, "Jobs");
        List<JobDashboard.Job> shown = new ArrayList<>();
        List<IQueue> jobQueues = new ArrayList<>();
        for (JobTopology job : topology.jobs()) {
            String type = job.type();
            AlarmSettings everyType = AlarmSettings.parse(props.alarms().getOrDefault(SluiceStackProps.EVERY_TYPE, Map.of()),
                    "alarms." + SluiceStackProps.EVERY_TYPE);
            JobSettings settings = JobSettings.builder()
                    .overrides(props.overrides().getOrDefault(type, JobOverrides.NONE))
                    .environment(props.environment().getOrDefault(type, Map.of()))
                    .alarms(AlarmSettings.parse(props.alarms().getOrDefault(type, Map.of()), "alarms." + type).orElse(everyType))
                    .secrets(props.secrets().getOrDefault(type, List.of()))
                    .grants(props.grants().getOrDefault(type, List.of()))
                    .build();
            SluiceJob sluiceJob = new SluiceJob(jobsScope, type, SluiceJobProps.builder().app(app).job(job).code(code).jobsTable(jobsTable)
                    .rateLimitsTable(rateLimitsTable).alarmTopic(alarmTopic.topic()).schedules(schedules).settings(settings).build());
            JobQueues queues = sluiceJob.queues();
            shown.add(new JobDashboard.Job(job, queues, sluiceJob.lambda(), sluiceJob.alarms()));
            jobQueues.addAll(queues.jobQueues());
            outputs(job, queues);
        }
        List<String> catalogueSchedules = topology.jobs().stream().map(JobTopology::definition).filter(d -> d.schedule().isScheduled())
                .map(d -> ScheduledEnvelope.catalogueScheduleName(app, d)).toList();
        ProducerAccess producers = new ProducerAccess(this, "Producers", ProducerAccessProps.builder().app(app).queues(jobQueues)
                .schedules(schedules).catalogueSchedules(catalogueSchedules).principals(props.producerPrincipals()).build());
        JobDashboard dashboard = new JobDashboard(this, "Dashboard", JobDashboardProps.builder().app(app).jobs(shown)
                .appAlarms(List.of(schedules.runTimeDeadLetterAlarm())).build());

        output("JobsTableName", jobsTable.getTableName(), "Job history and idempotency table");
        output("RateLimitsTableName", rateLimitsTable.getTableName(), "Rate-limit counters table");
        output("DashboardUrl", "https://" + Aws.REGION + ".console.aws.amazon.com/cloudwatch/home?region=" + Aws.REGION
                + "#dashboards:name=" + app, "The CloudWatch dashboard of every job type");
        output("AlarmTopicArn", alarmTopic.topic().getTopicArn(), "SNS topic every alarm notifies; subscribe to it");
        output("ProducerPolicyArn", producers.policy().getManagedPolicyArn(),
                "Attach to a producer's role: send to the job queues, create one-time schedules");
        output("ScheduleGroupName", schedules.group().getScheduleGroupName(), "EventBridge Scheduler group of the app's schedules");
        output("ProducerSchedulerRoleArn", schedules.producerRole().getRoleArn(),
                "Role producers pass to EventBridge Scheduler for one-time schedules");
        output("ScheduleDeadLetterQueueArn", schedules.runTimeDeadLetterQueue().getQueueArn(),
                "Dead-letter queue for one-time schedules created by producers");
        output("DashboardName", dashboard.dashboard().getDashboardName(), "CloudWatch dashboard name");

        Aspects.of(this).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
    }

    /** The topology the stack was built from: the catalogue after its overrides. */
    public Topology topology() {
        return topology;
    }

    /** The output id of a type's queue URL, for example {@code QueueUrlWebhookHigh}. */
    public static String queueUrlOutputId(String type, String priority) {
        return "QueueUrl" + pascal(type) + pascal(priority);
    }

    private void outputs(JobTopology job, JobQueues queues) {
        for (PriorityQueue q : queues.all()) {
            String id = queueUrlOutputId(job.type(), q.priority().wireName());
            String owner = outputOwners.putIfAbsent(id, job.type());
            if (owner != null) {
                throw new IllegalArgumentException("job types '" + owner + "' and '" + job.type() + "' differ only in '-' or '_',"
                        + " so their stack outputs would share the name " + id + "; rename one of them");
            }
            output(id, q.queue().getQueueUrl(), "URL of " + q.spec().name());
        }
    }

    private void output(String id, String value, String description) {
        CfnOutput.Builder.create(this, id).value(value).description(description).build();
    }

    private static String pascal(String name) {
        StringBuilder out = new StringBuilder();
        for (String part : name.split("[-_]")) {
            if (!part.isEmpty()) {
                out.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
            }
        }
        return out.toString();
    }
}
