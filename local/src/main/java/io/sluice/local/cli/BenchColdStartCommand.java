package io.sluice.local.cli;

import io.sluice.local.LocalOptions;
import io.sluice.local.bench.ColdStartBenchmark;
import io.sluice.local.bench.ColdStartJars;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sluice-local bench coldstart}: the Sluice webhook function's cold start against a bare handler's, in fresh
 * JVMs with Lambda's flags, alternating; prints the medians, their ratios and the per-type jar sizes.
 */
@Command(
        name = "coldstart",
        mixinStandardHelpOptions = true,
        description = "Cold start of the webhook function against a bare handler (fresh JVMs, A B A B), medians and"
                + " ratios; per-type jar sizes; the priming hook run once in-process.")
public final class BenchColdStartCommand implements Callable<Integer> {
    @Mixin
    EndpointOptions endpoints;

    @Option(names = "--rounds", description = "Measured pairs of fresh JVMs (default: ${DEFAULT-VALUE}).")
    int rounds = 7;

    @Option(
            names = "--jars",
            paramLabel = "DIR",
            description = "Where the bench jars are (default: the bench/ folder beside sluice-local.jar).")
    Path jars;

    @Option(
            names = "--jvm-arg",
            paramLabel = "ARG",
            description =
                    "An extra option for both handlers' JVMs, for diagnostics (e.g. -Xlog:class+load); repeatable.")
    java.util.List<String> jvmArgs = new java.util.ArrayList<>();

    @Option(
            names = "--logs",
            paramLabel = "DIR",
            description = "Keep each fresh JVM's output in DIR as <run>-<sluice|bare>.log (default: keep none).")
    Path logs;

    @Option(
            names = "--baseline-jar",
            paramLabel = "JAR",
            description = "Another build's webhook function jar, run as a third candidate in every round (A B C),"
                    + " to measure a change in the same run.")
    Path baselineJar;

    @Option(
            names = "--primed",
            description = "Run the Sluice function's SnapStart hooks (priming, then restore) before its first batch;"
                    + " with --baseline-jar of the same jar, measures priming in the same run.")
    boolean primed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (rounds < 1) {
            throw new ParameterException(spec.commandLine(), "--rounds must be at least 1, was " + rounds);
        }
        PrintWriter out = spec.commandLine().getOut();
        Path dir = jars != null ? jars : besideThisJar();
        new ColdStartBenchmark(ColdStartJars.beside(dir), rounds, jvmArgs, logs, baselineJar, primed)
                .run(endpoints.apply(LocalOptions.defaults()), out)
                .print(out);
        return 0;
    }

    /** {@code local/target} for both the packaged sluice-local.jar and the module's classes (tests). */
    private static Path besideThisJar() throws Exception {
        return Path.of(BenchColdStartCommand.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .getParent();
    }
}
