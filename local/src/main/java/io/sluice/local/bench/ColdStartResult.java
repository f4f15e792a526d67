package io.sluice.local.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Every run of both handlers, the jar sizes, and what priming left behind; prints the report with the medians side by
 * side and their ratio.
 */
public record ColdStartResult(
        List<ColdStartRun> sluice,
        List<ColdStartRun> bare,
        List<ColdStartRun> baseline,
        Map<Path, Long> jarSizes,
        PrimingTrace priming) {
    public void print(PrintWriter out) {
        out.printf(
                "%nsluice-local bench coldstart: %d fresh JVMs per handler (A B A B), %s, %d-message batches%n",
                sluice.size(), String.join(" ", ColdStartBenchmark.LAMBDA_JVM_FLAGS), ColdStartBenchmark.BATCH);
        if (baseline.isEmpty()) {
            out.printf("  %-40s %12s %12s %8s%n", "median, ms", "Sluice", "bare", "ratio");
        } else {
            out.printf(
                    "  %-40s %12s %12s %8s %12s %10s%n",
                    "median, ms", "Sluice", "bare", "ratio", "baseline", "/baseline");
        }
        row(out, "JVM start -> handler constructed", ColdStartRun::constructed);
        row(out, "  handler initialisation alone", ColdStartRun::init);
        if (sluice.stream().anyMatch(r -> r.priming() > 0)) {
            row(out, "  SnapStart hooks (Sluice primed)", ColdStartRun::priming);
        }
        row(out, "JVM start -> first batch done", ColdStartRun::firstDone);
        row(out, "  first batch alone", ColdStartRun::firstBatch);
        row(out, "warm batch (claim + completion each)", ColdStartRun::warmBatch);
        out.printf("  runs, JVM start -> first batch done: Sluice %s, bare %s%n", list(sluice), list(bare));
        if (!baseline.isEmpty()) {
            out.printf("  runs, JVM start -> first batch done: baseline %s%n", list(baseline));
        }
        out.printf("%n  deployment jars:%n");
        jarSizes.forEach(
                (jar, bytes) -> out.printf("  %-40s %,12d bytes (%.1f MB)%n", jar.getFileName(), bytes, bytes / 1e6));
        if (priming != null) {
            out.printf("%n  priming (in-process, against moto):%n");
            priming.print(out);
        }
        out.flush();
    }

    /** The median of a figure over {@code runs}. */
    public static double median(List<ColdStartRun> runs, java.util.function.ToDoubleFunction<ColdStartRun> figure) {
        double[] v = runs.stream().mapToDouble(figure).sorted().toArray();
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private void row(PrintWriter out, String name, java.util.function.ToDoubleFunction<ColdStartRun> figure) {
        double s = median(sluice, figure);
        double b = median(bare, figure);
        if (baseline.isEmpty()) {
            out.printf("  %-40s %12.0f %12.0f %8s%n", name, s, b, ratio(s, b));
        } else {
            double c = median(baseline, figure);
            out.printf("  %-40s %12.0f %12.0f %8s %12.0f %10s%n", name, s, b, ratio(s, b), c, ratio(s, c));
        }
    }

    /** The ratio to two decimals, or "-" where the other side has no such step (the bare handler's hooks). */
    private static String ratio(double value, double of) {
        return of > 0 ? String.format("%.2f", value / of) : "-";
    }

    private static String list(List<ColdStartRun> runs) {
        return runs.stream()
                .map(r -> String.format("%.0f", r.firstDone()))
                .toList()
                .toString();
    }
}
