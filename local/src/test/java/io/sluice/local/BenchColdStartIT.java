package io.sluice.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar sluice-local.jar bench coldstart} as a user runs it, one pair of fresh JVMs: the packaged webhook
 * jar (with everything the build cut out of it) runs its batches alone in a JVM of its own against ElasticMQ and moto
 * and records its jobs (the bench checks that and is void otherwise), the report has the three ratios and every
 * function jar's size, and the priming hook, run in-process, leaves the tables as they were and sends nothing.
 */
class BenchColdStartIT {
    @Test
    void benchColdstartPrintsTheRatiosTheJarSizesAndAPrimingThatLeavesNoTrace() throws Exception {
        Path jar = Path.of(System.getProperty("sluice.local.jar", "target/sluice-local.jar"));
        assertTrue(Files.exists(jar), "packaged jar at " + jar);
        Path log = Files.createTempFile("sluice-bench-coldstart", ".log");
        Process bench = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        jar.toString(),
                        "bench",
                        "coldstart",
                        "--rounds",
                        "1",
                        // Primed, as SnapStart runs it: the launcher calls the runtime's hooks through org.crac.
                        "--primed",
                        "--sqs-port",
                        Integer.toString(LocalHarness.freePort()),
                        "--dynamodb-port",
                        "0",
                        "--scheduler-port",
                        "0")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        assertTrue(bench.waitFor(5, TimeUnit.MINUTES), "bench coldstart finished");
        String output = Files.readString(log);
        assertEquals(0, bench.exitValue(), output);
        for (String figure :
                List.of("JVM start -> handler constructed", "JVM start -> first batch done", "warm batch")) {
            assertTrue(
                    Pattern.compile(Pattern.quote(figure) + ".*\\d+\\s+\\d+\\s+\\d+\\.\\d\\d")
                            .matcher(output)
                            .find(),
                    figure + " with both medians and their ratio:\n" + output);
        }
        assertTrue(
                Pattern.compile("SnapStart hooks \\(Sluice primed\\)\\s+[1-9]\\d*\\s")
                        .matcher(output)
                        .find(),
                "the primed row, with the hooks' time:\n" + output);
        for (String function : List.of("sluice-jobs", "sluice-tweet", "sluice-discord", "sluice-email")) {
            assertTrue(output.contains(function + "-lambda.jar"), function + "'s jar size:\n" + output);
        }
        Matcher items = Pattern.compile("items in the job tables\\s+(\\d+) before, (\\d+) after")
                .matcher(output);
        assertTrue(items.find(), output);
        assertEquals(items.group(1), items.group(2), "priming wrote no item");
        assertTrue(output.contains("DynamoDB requests sent while priming     0 writes, 0 reads"), output);
    }
}
