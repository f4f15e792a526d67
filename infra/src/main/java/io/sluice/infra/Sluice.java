package io.sluice.infra;

import io.sluice.catalogue.Catalogue;
import io.sluice.catalogue.ScheduledEnvelope;
import io.sluice.infra.access.ProducerAccess;
import io.sluice.infra.access.ProducerAccessProps;
import io.sluice.infra.api.JobsHttpApi;
import io.sluice.infra.api.JobsHttpApiProps;
import io.sluice.infra.jobs.JobQueues;
import io.sluice.infra.jobs.JobQueues.PriorityQueue;
import io.sluice.infra.jobs.LambdaJars;
import io.sluice.infra.jobs.RuntimeTables;
import io.sluice.infra.monitoring.AlarmTopic;
import io.sluice.infra.monitoring.JobDashboard;
import io.sluice.infra.monitoring.JobDashboardProps;
import io.sluice.infra.schedule.Schedules;
import io.sluice.infra.schedule.SchedulesProps;
import io.sluice.infra.state.JobTables;
import io.sluice.topology.JobTopology;
import io.sluice.topology.JobsTable;
import io.sluice.topology.RateLimitTable;
import io.sluice.topology.Topology;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * Sluice on AWS for one app, as a construct to put in any stack: the job catalogue, with each type's
 * {@link JobSettings}, turned into the {@link Topology} that sluice-local also uses, and that into resources, with no
 * per-type code:
 * <ul>
 *   <li>per job type, a {@link SluiceJob} ({@code Jobs/<type>}): queues, function with its event source mappings,
 *       alarms, and its catalogue schedule if it declares one;</li>
 *   <li>shared: {@link JobTables}, {@link Schedules} (group, producer scheduler role), {@link AlarmTopic},
 *       {@link ProducerAccess}, and the {@link JobDashboard};</li>
 *   <li>stack outputs: queue URLs per type and priority, table names, the dashboard, the alarm topic, the producer
 *       policy, the schedule group, the producer scheduler role and the run-time schedules' dead-letter queue.</li>
 * </ul>
 * For example, in a CDK app of your own:
 * <pre>{@code
 * Stack stack = new Stack(app, "Orders");
 * Sluice jobs = new Sluice(stack, "Jobs", SluiceProps.builder()
 *         .catalogue(Catalogue.load())
 *         .lambdaJar(Path.of("target/lambda"))
 *         .job("webhook", JobSettings.builder().environment(Map.of("SLUICE_WEBHOOK_ALLOW_HOSTS", "hooks.example.com")).build())
 *         .build());
 * ordersService.getRole().addManagedPolicy(jobs.producerPolicy());
 * }</pre>
 * Resource names come from the app name ({@code <app>-<type>-<priority>} and so on), so two Sluice constructs in
 * one account need two app names. The construct id is part of every logical id but one: CDK leaves the id
 * {@code Default} out, which the bundled {@link SluiceApp} uses, so its stack keeps the logical ids it had when the
 * stack itself built these resources. The construct runs no cdk-nag checks of its own (the bundled app does); its
 * suppressions travel with its resources, so an app that runs {@code AwsSolutionsChecks} sees them.
 */
public final class Sluice extends Construct {
    private final Topology topology;
    private final Map<String, SluiceJob> jobs = new LinkedHashMap<>();
    private final JobTables tables;
    private final AlarmTopic alarmTopic;
    private final Schedules schedules;
    private final ProducerAccess producers;
    private final JobDashboard dashboard;
    /** Which job type each queue-URL output belongs to, to refuse two types whose output ids collide. */
    private final Map<String, String> outputOwners = new HashMap<>();

    /** @throws IllegalArgumentException naming the value and the type when a job type's settings are not allowed */
    public Sluice(Construct scope, String id, SluiceProps props) {
        super(scope, id);
        String app = props.app();
        Map<String, JobSettings> settings = new HashMap<>();
        props.catalogue().types().forEach(type -> settings.put(type, props.settingsOf(type)));
        Catalogue effective =
                props.catalogue().withOverrides(type -> settings.get(type).overrides());
        topology = Topology.derive(app, effective);

        // One asset per jar: with per-type jars each function gets its own, so a change to one type's code publishes
        // a new version (and SnapStart snapshot) of that function only.
        LambdaJars jars = LambdaJars.at(props.lambdaJar());
        Map<Path, Code> assets = new HashMap<>();
        tables = new JobTables(this, "Tables", props.withJobsTableIndexes(topology.tables()), props.retainData());
        Table jobsTable = jobsTable();
        Table rateLimitsTable = rateLimitsTable();
        RuntimeTables tables = new RuntimeTables(jobsTable, rateLimitsTable);
        alarmTopic = new AlarmTopic(this, "AlarmTopic", app, props.alarmEmail());
        schedules = new Schedules(
                this,
                "Schedules",
                SchedulesProps.builder()
                        .app(app)
                        .retain(props.retainData())
                        .alarmTopic(alarmTopic.topic())
                        .build());

        Construct jobsScope = new Construct(this, "Jobs");
        List<JobDashboard.Job> shown = new ArrayList<>();
        List<IQueue> jobQueues = new ArrayList<>();
        for (JobTopology job : topology.jobs()) {
            SluiceJob sluiceJob = new SluiceJob(
                    jobsScope,
                    job.type(),
                    SluiceJobProps.builder()
                            .app(app)
                            .job(job)
                            .code(assets.computeIfAbsent(jars.jarOf(job.type()), jar -> Code.fromAsset(jar.toString())))
                            .tables(tables)
                            .alarmTopic(alarmTopic.topic())
                            .schedules(schedules)
                            .settings(settings.get(job.type()))
                            .build());
            jobs.put(job.type(), sluiceJob);
            shown.add(new JobDashboard.Job(job, sluiceJob.queues(), sluiceJob.lambda(), sluiceJob.alarms()));
            jobQueues.addAll(sluiceJob.queues().jobQueues());
            outputs(job, sluiceJob.queues());
        }
        List<String> catalogueSchedules = topology.jobs().stream()
                .map(JobTopology::definition)
                .filter(d -> d.schedule().isScheduled())
                .map(d -> ScheduledEnvelope.catalogueScheduleName(app, d))
                .toList();
        producers = new ProducerAccess(
                this,
                "Producers",
                ProducerAccessProps.builder()
                        .app(app)
                        .queues(jobQueues)
                        .schedules(schedules)
                        .catalogueSchedules(catalogueSchedules)
                        .principals(props.producerPrincipals())
                        .jobsTable(jobsTable)
                        .build());
        dashboard = new JobDashboard(
                this,
                "Dashboard",
                JobDashboardProps.builder()
                        .app(app)
                        .jobs(shown)
                        .appAlarms(List.of(schedules.runTimeDeadLetterAlarm()))
                        .build());

        output("JobsTableName", jobsTable.getTableName(), "Job history and idempotency table");
        output("RateLimitsTableName", rateLimitsTable.getTableName(), "Rate-limit counters table");
        output(
                "DashboardUrl",
                "https://" + Aws.REGION + ".console.aws.amazon.com/cloudwatch/home?region=" + Aws.REGION
                        + "#dashboards:name=" + app,
                "The CloudWatch dashboard of every job type");
        output("AlarmTopicArn", alarmTopic.topic().getTopicArn(), "SNS topic every alarm notifies; subscribe to it");
        output(
                "ProducerPolicyArn",
                producers.policy().getManagedPolicyArn(),
                "Attach to a producer's role: send to the job queues, create one-time schedules");
        output(
                "ScheduleGroupName",
                schedules.group().getScheduleGroupName(),
                "EventBridge Scheduler group of the app's schedules");
        output(
                "ProducerSchedulerRoleArn",
                schedules.producerRole().getRoleArn(),
                "Role producers pass to EventBridge Scheduler for one-time schedules");
        output(
                "ScheduleDeadLetterQueueArn",
                schedules.runTimeDeadLetterQueue().getQueueArn(),
                "Dead-letter queue for one-time schedules created by producers");
        output("DashboardName", dashboard.dashboard().getDashboardName(), "CloudWatch dashboard name");
    }

    /**
     * Adds the Jobs HTTP API ({@link JobsHttpApi}: API Gateway HTTP API with IAM authorisation, its Lambda, and the
     * producer, viewer and operator managed policies) over this app's queues, table and schedules. The bundled app adds
     * it unless context {@code sluice:api} is {@code false}.
     *
     * @param jar the {@code sluice-jobs-api} module's lambda jar
     */
    public JobsHttpApi addJobsApi(Path jar) {
        List<PriorityQueue> queues = new ArrayList<>();
        List<IRole> scheduleRoles = new ArrayList<>();
        for (SluiceJob job : jobs.values()) {
            queues.addAll(job.queues().all());
            job.schedule().ifPresent(s -> scheduleRoles.add(s.role()));
        }
        return new JobsHttpApi(
                this,
                "JobsApi",
                new JobsHttpApiProps(
                        topology.app(), Code.fromAsset(jar.toString()), queues, jobsTable(), schedules, scheduleRoles));
    }

    /** The topology the resources were built from: the catalogue after each type's overrides. */
    public Topology topology() {
        return topology;
    }

    /** Every job type's resources, in catalogue order. */
    public List<SluiceJob> jobs() {
        return List.copyOf(jobs.values());
    }

    /** One job type's resources, or an error naming the types there are. */
    public SluiceJob job(String type) {
        SluiceJob job = jobs.get(type);
        if (job == null) {
            throw new IllegalArgumentException("no job type '" + type + "'; the types are " + jobs.keySet());
        }
        return job;
    }

    /** The job history and idempotency table, {@code <app>-jobs}. */
    public Table jobsTable() {
        return tables.table(JobsTable.name(topology.app()));
    }

    /** The rate-limit counters table, {@code <app>-rate-limits}. */
    public Table rateLimitsTable() {
        return tables.table(RateLimitTable.name(topology.app()));
    }

    /** The topic every alarm notifies, {@code <app>-alarms}. */
    public Topic alarmTopic() {
        return alarmTopic.topic();
    }

    /** The schedule group, the producer scheduler role and the run-time schedules' dead-letter queue. */
    public Schedules schedules() {
        return schedules;
    }

    /** The managed policy {@code <app>-producer}: attach it to a producer's role to let it enqueue and schedule jobs. */
    public ManagedPolicy producerPolicy() {
        return producers.policy();
    }

    public Dashboard dashboard() {
        return dashboard.dashboard();
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
                throw new IllegalArgumentException(
                        "job types '" + owner + "' and '" + job.type() + "' differ only in '-' or '_',"
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
