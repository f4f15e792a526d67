package io.sluice.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.envelope.SluiceJson;
import io.sluice.job.Priority;
import io.sluice.local.scheduler.CatalogueSchedules;
import io.sluice.local.testjobs.JobLedger;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The AWS CLI's {@code aws scheduler} commands against sluice-local's scheduler with {@code --endpoint-url}:
 * the CLI marshals requests from its own copy of the service model, so this is a second, independent client.
 * A schedule created this way fires its job. Skipped, saying why, where no CLI is installed.
 */
class AwsCliSchedulerTest {

    @Test
    void aScheduleCreatedWithTheAwsCliFiresItsJob() throws Exception {
        assumeTrue(onPath("aws"), "the AWS CLI ('aws') is not on PATH, so the CLI round trip cannot be shown here");
        try (LocalHarness local = LocalHarness.start(List.of("once"), Map.of())) {
            String endpoint = local.runtime.scheduler().endpoint().toString();
            String jobId = "cli-scheduled-" + UUID.randomUUID();
            String input = "{\"specVersion\":\"1\",\"jobId\":\"" + jobId + "\",\"type\":\"once\",\"payload\":{\"millis\":0}}";
            String target = SluiceJson.mapper().writeValueAsString(Map.of("Arn", local.runtime.queueArn("once", Priority.NORMAL),
                    "RoleArn", CatalogueSchedules.ROLE_ARN, "Input", input));

            Cli created = aws(endpoint, "scheduler", "create-schedule", "--name", "cli-once", "--group-name", "sluice",
                    "--schedule-expression", "at(2030-01-01T09:00:00)", "--schedule-expression-timezone", "Europe/Paris",
                    "--flexible-time-window", "{\"Mode\":\"OFF\"}", "--action-after-completion", "DELETE", "--target", target);
            assertEquals(0, created.code(), created.output());
            assertEquals("arn:aws:scheduler:us-east-1:000000000000:schedule/sluice/cli-once",
                    SluiceJson.mapper().readTree(created.output()).get("ScheduleArn").asText());

            Cli got = aws(endpoint, "scheduler", "get-schedule", "--name", "cli-once", "--group-name", "sluice");
            assertEquals(0, got.code(), got.output());
            JsonNode schedule = SluiceJson.mapper().readTree(got.output());
            assertEquals("at(2030-01-01T09:00:00)", schedule.get("ScheduleExpression").asText());
            assertEquals(input, schedule.get("Target").get("Input").asText());

            local.runtime.scheduler().dispatcher().fireDue(Instant.parse("2030-01-01T08:00:00Z"));
            LocalHarness.await(() -> JobLedger.finishPosition(jobId) != null, Duration.ofSeconds(60), () -> "job " + jobId + " did not run");

            Cli gone = aws(endpoint, "scheduler", "get-schedule", "--name", "cli-once", "--group-name", "sluice");
            assertNotEquals(0, gone.code());
            assertTrue(gone.output().contains("ResourceNotFoundException"), "deleted after it fired: " + gone.output());
        }
    }

    private record Cli(int code, String output) {
    }

    private static Cli aws(String endpoint, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", endpoint, "--region", "us-east-1", "--output", "json"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("AWS_ACCESS_KEY_ID", "local");
        pb.environment().put("AWS_SECRET_ACCESS_KEY", "local");
        pb.environment().remove("AWS_PROFILE");
        pb.redirectErrorStream(true);
        Process process = pb.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "aws exited");
        return new Cli(process.exitValue(), output);
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (new File(dir, command).canExecute()) {
                return true;
            }
        }
        return false;
    }
}
