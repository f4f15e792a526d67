package io.sluice.local.cli;

import io.sluice.console.ConsoleOptions;
import io.sluice.console.ConsoleServer;
import io.sluice.local.LocalEndpoints;
import io.sluice.local.LocalOperations;
import io.sluice.local.LocalOptions;
import io.sluice.local.LocalRuntime;
import io.sluice.local.LocalState;
import io.sluice.local.api.LocalApiServer;
import io.sluice.ops.OperationsClients;
import io.sluice.ops.SluiceOperations;
import io.sluice.ops.http.JobsApi;
import io.sluice.ops.http.LoopbackGuard;
import io.sluice.topology.JobTopology;
import io.sluice.topology.QueueSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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

    @Option(
            names = "--lambda-port",
            paramLabel = "PORT",
            description = "Port of the Lambda API over the event source mappings, for pause and resume (default:"
                    + " ${DEFAULT-VALUE}; 0 picks a free port).")
    int lambdaPort = LocalEndpoints.DEFAULT_LAMBDA_PORT;

    @Option(
            names = "--api-port",
            paramLabel = "PORT",
            description = "Port of the Jobs HTTP API (default: ${DEFAULT-VALUE}; 0 picks a free port).")
    int apiPort = LocalEndpoints.DEFAULT_API_PORT;

    @Option(
            names = "--cloudwatch-port",
            paramLabel = "PORT",
            description = "Port of the CloudWatch API (GetMetricData over the pollers, for `status`) (default:"
                    + " ${DEFAULT-VALUE}; 0 picks a free port).")
    int cloudWatchPort = LocalEndpoints.DEFAULT_CLOUDWATCH_PORT;

    @Option(
            names = "--console-port",
            paramLabel = "PORT",
            description = "Port of the web console on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 picks a free port).")
    int consolePort = LocalEndpoints.DEFAULT_CONSOLE_PORT;

    @Option(names = "--no-console", description = "Do not serve the web console.")
    boolean noConsole;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Path stateFile = LocalState.path(System.getenv());
        refuseIfAnotherIsUp(stateFile);
        LocalRuntime runtime = LocalRuntime.start(endpoints.apply(LocalOptions.defaults()));
        OperationsClients clients;
        LocalApiServer api;
        ConsoleServer console = null;
        try {
            runtime.startLambdaApi(lambdaPort);
            runtime.startCloudWatchApi(cloudWatchPort);
            clients = LocalOperations.clients(runtime);
            SluiceOperations ops = LocalOperations.of(runtime, clients);
            if (!noConsole) {
                console = ConsoleServer.start(ops, ConsoleOptions.DEFAULT.withPort(consolePort));
            }
            // Browsers may call the API only from the console's own pages; every write needs the token, which the
            // state file (owner-only) hands to the CLI and scripts.
            api = LocalApiServer.start(
                    apiPort,
                    new JobsApi(ops),
                    LoopbackGuard.newToken(),
                    console == null ? List.of() : List.of(console.uri().getPort()));
        } catch (IOException e) {
            runtime.close();
            throw new UncheckedIOException(e.getMessage(), e);
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
        ConsoleServer startedConsole = console;
        long pid = ProcessHandle.current().pid();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            out.println("sluice-local: stopping; finishing in-flight jobs...");
                            out.flush();
                            LocalState.remove(stateFile, pid);
                            api.close();
                            if (startedConsole != null) {
                                startedConsole.close();
                            }
                            clients.close();
                            runtime.close();
                            stopped.countDown();
                        },
                        "sluice-local-shutdown"));
        runtime.ownPort(api.endpoint().getPort());
        if (startedConsole != null) {
            runtime.ownPort(startedConsole.uri().getPort());
        }
        runtime.startConsumers();
        new LocalState(
                        pid,
                        runtime.app(),
                        runtime.sqsEndpoint(),
                        runtime.dynamoDbEndpoint(),
                        runtime.scheduler().endpoint(),
                        runtime.lambdaEndpoint(),
                        runtime.cloudWatchEndpoint(),
                        api.endpoint(),
                        api.token(),
                        Instant.now())
                .write(stateFile);
        out.println("sluice-local is up.");
        out.println("  SQS       " + runtime.sqsEndpoint());
        out.println("  DynamoDB  " + runtime.dynamoDbEndpoint() + "  (tables: "
                + String.join(
                        ", ",
                        runtime.topology().tables().stream().map(t -> t.name()).toList()) + ")");
        int schedules = runtime.scheduler().registry().all().size();
        out.println("  Scheduler " + runtime.scheduler().endpoint() + "  (EventBridge Scheduler API; " + schedules
                + (schedules == 1 ? " schedule" : " schedules") + ", see `sluice-local schedules list`)");
        out.println(
                "  Lambda    " + runtime.lambdaEndpoint() + "  (event source mappings: `sluice-local pause|resume`)");
        out.println("  CloudWatch " + runtime.cloudWatchEndpoint()
                + " (GetMetricData: executions and errors for `status`)");
        out.println("  Jobs API  " + api.endpoint() + "  (GET /status, /jobs, /dlq/{type}, ...; docs/operations.md)");
        if (startedConsole != null) {
            out.println("  Console   " + startedConsole.uri() + "  (web UI: overview, jobs, dead letters, schedules)");
        }
        out.println("  state     " + stateFile + "  (how `status`, `dlq`, `jobs`, `enqueue` find this process)");
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

    /** A second {@code up} on the ports of a running one would fail on a bind; say which process holds them. */
    private void refuseIfAnotherIsUp(Path stateFile) {
        LocalState.read(stateFile).ifPresent(other -> {
            java.util.Set<Integer> ours = new java.util.HashSet<>();
            if (endpoints.sqsEndpoint == null) {
                ours.add(endpoints.sqsPort);
            }
            if (endpoints.dynamoDbEndpoint == null) {
                ours.add(endpoints.dynamoDbPort);
            }
            ours.add(endpoints.schedulerPort);
            ours.add(lambdaPort);
            ours.add(cloudWatchPort);
            ours.add(apiPort);
            for (java.net.URI theirs : java.util.Arrays.asList(
                    other.sqs(),
                    other.dynamoDb(),
                    other.scheduler(),
                    other.lambda(),
                    other.cloudWatch(),
                    other.api())) {
                if (theirs != null && ours.contains(theirs.getPort())) {
                    throw new IllegalStateException("another sluice-local (pid " + other.pid() + ", up since "
                            + other.startedAt() + ") holds port " + theirs.getPort() + "; stop it (Ctrl-C in its"
                            + " terminal), or give this one other ports: --sqs-port, --dynamodb-port,"
                            + " --scheduler-port, --lambda-port, --cloudwatch-port, --api-port");
                }
            }
        });
    }
}
