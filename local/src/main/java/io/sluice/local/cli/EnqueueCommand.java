package io.sluice.local.cli;

import io.sluice.client.EnqueueOptions;
import io.sluice.client.JobReceipt;
import io.sluice.job.Priority;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sluice-local enqueue TYPE PAYLOAD}: sends one job through the producer client, exactly as a Java
 * service would, to a running sluice-local. The client checks the job against the catalogue first; a refused
 * job prints why and sends nothing.
 */
@Command(
        name = "enqueue",
        description = "Enqueue one job: now, after a delay, or at a time (more than 15 minutes ahead it waits in a"
                + " one-time schedule).")
public final class EnqueueCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "TYPE", description = "The job type, as in the catalogue.")
    String type;

    @Parameters(
            index = "1",
            paramLabel = "PAYLOAD",
            arity = "0..1",
            description =
                    "The payload, a JSON object; @FILE reads it from a file, - from standard input (default: {}).")
    String payload = "{}";

    @Option(
            names = "--priority",
            paramLabel = "PRIORITY",
            description = "high, normal or low (default: normal if the type takes it, else its first).",
            converter = PriorityConverter.class)
    Priority priority;

    @ArgGroup(exclusive = true)
    When when;

    @Option(names = "--job-id", paramLabel = "ID", description = "The job id (default: a random UUID).")
    String jobId;

    @Option(
            names = "--idempotency-key",
            paramLabel = "KEY",
            description = "Jobs with one key succeed at most once (default: the job id).")
    String idempotencyKey;

    @Option(names = "--group-id", paramLabel = "GROUP", description = "The message group, for FIFO job types.")
    String groupId;

    @Option(
            names = "--source",
            paramLabel = "NAME",
            description = "Who enqueued the job, for history (default: ${DEFAULT-VALUE}).")
    String source = "sluice-local";

    @Mixin
    ProducerOptions producer;

    @Spec
    CommandSpec spec;

    /** At most one of a delay and a run-at time. */
    static final class When {
        @Option(
                names = "--delay",
                paramLabel = "DURATION",
                converter = JobsFailuresCommand.DurationConverter.class,
                description = "Run after this long: 3s, 2h, or ISO-8601 such as PT3S.")
        Duration delay;

        @Option(
                names = "--run-at",
                paramLabel = "INSTANT",
                description = "Run at this time, e.g. 2026-11-28T18:00:00Z.")
        Instant runAt;
    }

    @Override
    public Integer call() throws IOException {
        EnqueueOptions options = EnqueueOptions.defaults()
                .priority(priority)
                .jobId(jobId)
                .idempotencyKey(idempotencyKey)
                .groupId(groupId)
                .source(source);
        if (when != null) {
            options = options.delay(when.delay).runAt(when.runAt);
        }
        String text = payloadText();
        EnqueueOptions chosen = options;
        JobReceipt receipt = producer.call(client -> client.enqueue(type, text, chosen));
        PrintWriter out = spec.commandLine().getOut();
        if (receipt.scheduled()) {
            out.printf(
                    "scheduled job %s (%s, %s) in one-time schedule %s; it runs at %s%n",
                    receipt.jobId(),
                    receipt.type(),
                    receipt.priority().wireName(),
                    receipt.scheduleName(),
                    receipt.runAt());
        } else {
            out.printf(
                    "enqueued job %s (%s, %s) as message %s; it runs at %s%n",
                    receipt.jobId(),
                    receipt.type(),
                    receipt.priority().wireName(),
                    receipt.messageId(),
                    receipt.runAt());
        }
        out.flush();
        return 0;
    }

    private String payloadText() throws IOException {
        if ("-".equals(payload)) {
            return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (payload.startsWith("@")) {
            return Files.readString(Path.of(payload.substring(1)));
        }
        return payload;
    }
}
