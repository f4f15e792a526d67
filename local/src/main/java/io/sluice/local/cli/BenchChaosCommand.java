package io.sluice.local.cli;

import io.sluice.local.LocalOptions;
import io.sluice.local.demo.DemoRun;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sluice-local bench chaos}: the fault soak. The demo's workload (receivers that fail with 500, 503, 429 and
 * 404, bad URLs, malformed messages) plus a share of duplicated jobs and an outage of the job store mid-run; it prints
 * sent, succeeded, dead-lettered by reason, skipped duplicates, lost jobs and side effects run twice, and exits 0 only
 * if nothing was lost, nothing ran twice and every dead letter has its reason.
 */
@Command(
        name = "chaos",
        mixinStandardHelpOptions = true,
        description =
                "Soak: the demo's failing workload plus duplicates and a DynamoDB outage; prints lost and double side effects.")
public final class BenchChaosCommand implements Callable<Integer> {
    @Mixin
    EndpointOptions endpoints;

    @Option(names = "--jobs", description = "Webhook jobs (default: ${DEFAULT-VALUE}).")
    int jobs = 1000;

    @Option(names = "--duplicates", description = "Jobs in a hundred sent twice (default: ${DEFAULT-VALUE}).")
    int duplicates = 5;

    @Option(
            names = "--outage",
            description = "How long DynamoDB answers 503 to everything, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration outage = Duration.ofSeconds(60);

    @Option(
            names = "--stall-limit",
            description = "Give up when no job has finished for this long, ISO-8601 (default: ${DEFAULT-VALUE}); the"
                    + " outage itself counts, so keep it longer than --outage.")
    Duration stallLimit = Duration.ofMinutes(5);

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (jobs < 100 || duplicates < 0 || duplicates > 100 || outage.isNegative()) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--jobs must be at least 100, --duplicates 0 to 100 and" + " --outage not negative; were " + jobs
                            + ", " + duplicates + ", " + outage);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
                "sluice-local bench chaos: %d jobs, %d%% sent twice, DynamoDB down for %d s from a quarter of the way%n",
                jobs, duplicates, outage.toSeconds());
        DemoRun.DemoReport report = new DemoRun(jobs, stallLimit, new DemoRun.Chaos(duplicates, outage, 0.25))
                .run(endpoints.apply(LocalOptions.defaults()), out, System.console() != null);
        report.print(out);
        return report.balanced() ? 0 : 1;
    }
}
