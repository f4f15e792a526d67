package io.sluice.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's deployment path up to the point where AWS is needed: {@code npm ci} installs the pinned CDK CLI, and
 * {@code npx cdk synth} runs the packaged app through {@code cdk.json} and writes the cloud assembly, with no AWS
 * credentials and no network beyond the npm registry. Runs after {@code package} (the app's classes, its classpath
 * file and the Lambda jar must exist); skipped, with the reason printed, where npm is not installed.
 */
class CdkSynthIT {
    static final Path INFRA = Path.of(System.getProperty("sluice.infra.dir", "."));
    static final Path OUT = INFRA.resolve("target/cdk-it.out");

    static Result synth;

    record Result(int exitCode, String output) {}

    @BeforeAll
    static void synthesize() throws Exception {
        Result npm = run(List.of("npm", "--version"), 60);
        if (npm == null || npm.exitCode() != 0) {
            String reason = "npm is not installed, so the CDK CLI cannot run here; skipping `npx cdk synth`";
            System.out.println("CdkSynthIT: " + reason);
            Assumptions.abort(reason);
        }
        Result install = run(List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
        assertEquals(0, install.exitCode(), "npm ci failed:\n" + install.output());
        deleteRecursively(OUT);
        synth = run(
                List.of("npx", "--no-install", "cdk", "synth", "--quiet", "--no-notices", "--output", OUT.toString()),
                300);
    }

    @Test
    void cdkSynthSucceedsWithoutCredentialsAndWritesTheTemplate() throws IOException {
        assertEquals(0, synth.exitCode(), synth.output());
        JsonNode template =
                new ObjectMapper().readTree(OUT.resolve("Sluice.template.json").toFile());
        List<String> queues = new ArrayList<>();
        template.path("Resources").forEach(r -> {
            if (r.path("Type").asText().equals("AWS::SQS::Queue")) {
                queues.add(r.path("Properties").path("QueueName").asText());
            }
        });
        assertTrue(
                queues.containsAll(List.of("sluice-webhook-high", "sluice-webhook-normal", "sluice-webhook-low")),
                queues.toString());
    }

    @Test
    void theLambdaJarIsStagedAsTheFunctionsAssetAndTheJobsApiJarAsTheApis() throws IOException {
        try (Stream<Path> files = Files.list(OUT)) {
            List<Path> jars = files.filter(p -> p.getFileName().toString().startsWith("asset.")
                            && p.toString().endsWith(".jar"))
                    .toList();
            assertEquals(2, jars.size(), jars.toString());
            Set<Long> sizes = new java.util.HashSet<>();
            for (Path jar : jars) {
                sizes.add(Files.size(jar));
            }
            assertEquals(
                    Set.of(
                            Files.size(INFRA.resolve(SluiceContext.DEFAULT_LAMBDA_JAR)),
                            Files.size(INFRA.resolve(SluiceContext.DEFAULT_JOBS_API_JAR))),
                    sizes);
        }
    }

    @Test
    void cdkNagReportsNothingUnsuppressed() throws IOException {
        assertFalse(synth.output().contains("AwsSolutions-"), synth.output());
        // cdk-nag's own report: every rule on every resource, compliant or suppressed with its reason.
        List<String> rows = Files.readAllLines(OUT.resolve("AwsSolutions-Sluice-NagReport.csv"));
        assertTrue(rows.size() > 20, rows.toString());
        Pattern row = Pattern.compile("^\"([^\"]*)\",\"([^\"]*)\",\"([^\"]*)\".*");
        for (String line : rows.subList(1, rows.size())) {
            Matcher m = row.matcher(line);
            assertTrue(m.matches(), line);
            assertTrue(Set.of("Compliant", "Suppressed").contains(m.group(3)), line);
        }
    }

    /** Runs a command in infra/ without AWS credentials; null if the program does not exist. */
    static Result run(List<String> command, int timeoutSeconds) throws Exception {
        ProcessBuilder pb =
                new ProcessBuilder(command).directory(INFRA.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("CDK_"));
        env.put("CDK_DISABLE_CLI_TELEMETRY", "1");
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            return null;
        }
        process.getOutputStream().close();
        // Read on another thread: reading here would block until the process ends, so a hung `npm ci` would hang
        // the build instead of failing at the timeout.
        java.util.concurrent.CompletableFuture<byte[]> output =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        return process.getInputStream().readAllBytes();
                    } catch (IOException e) {
                        return ("(output unreadable: " + e.getMessage() + ")").getBytes(StandardCharsets.UTF_8);
                    }
                });
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish within " + timeoutSeconds + " s");
        }
        return new Result(process.exitValue(), new String(output.get(30, TimeUnit.SECONDS), StandardCharsets.UTF_8));
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
