package io.sluice.local.cli;

import io.sluice.local.LocalOptions;
import io.sluice.local.LocalRuntime;
import io.sluice.topology.JobTopology;
import io.sluice.topology.QueueSpec;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sluice-local up}: runs every job type's queues and consumers until interrupted. */
@Command(
        name = "up",
        description =
                "Start SQS, DynamoDB and EventBridge Scheduler emulators, create every queue and catalogue schedule, "
                        + "and run every job type until Ctrl-C.")
public final class UpCommand implements Callable<Integer> {
    @Mixin
    EndpointOptions endpoints;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        LocalRuntime runtime = LocalRuntime.start(endpoints.apply(LocalOptions.defaults()));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            out.println("sluice-local: stopping; finishing in-flight jobs...");
                            out.flush();
                            runtime.close();
                            stopped.countDown();
                        },
                        "sluice-local-shutdown"));
        runtime.startConsumers();
        out.println("sluice-local is up.");
        out.println("  SQS       " + runtime.sqsEndpoint());
        out.println("  DynamoDB  " + runtime.dynamoDbEndpoint() + "  (tables: "
                + String.join(
                        ", ",
                        runtime.topology().tables().stream().map(t -> t.name()).toList()) + ")");
        int schedules = runtime.scheduler().registry().all().size();
        out.println("  Scheduler " + runtime.scheduler().endpoint() + "  (EventBridge Scheduler API; " + schedules
                + (schedules == 1 ? " schedule" : " schedules") + ", see `sluice-local schedules list`)");
        out.println();
        out.printf("  %-40s %-6s %-9s %s%n", "queue", "batch", "max conc", "url");
        for (JobTopology job : runtime.topology().jobs()) {
            for (QueueSpec q : job.queues()) {
                out.printf(
                        "  %-40s %-6d %-9d %s%n",
                        q.name(),
                        q.eventSourceMapping().batchSize(),
                        q.eventSourceMapping().maximumConcurrency(),
                        runtime.queueUrl(job.type(), q.priority()));
                out.printf(
                        "  %-40s %-6s %-9s %s%n",
                        q.deadLetterName(), "", "", runtime.deadLetterQueueUrl(job.type(), q.priority()));
            }
        }
        out.println();
        out.println("Enqueue from anywhere, for example:");
        out.println("  AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local \\");
        out.println("  aws sqs send-message --endpoint-url " + runtime.sqsEndpoint() + " --region us-east-1 \\");
        out.println("    --queue-url " + runtime.sqsEndpoint() + "/000000000000/" + endpoints.app + "-noop-normal \\");
        out.println(
                "    --message-body '{\"specVersion\":\"1\",\"jobId\":\"cli-1\",\"type\":\"noop\",\"payload\":{\"note\":\"hello\"}}'");
        out.println("Schedule from anywhere: aws scheduler list-schedules --endpoint-url "
                + runtime.scheduler().endpoint() + " --region us-east-1 (or any SDK's SchedulerClient).");
        out.println("Press Ctrl-C to stop.");
        out.flush();
        stopped.await();
        return 0;
    }
}
