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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The AWS CLI's {@code aws scheduler} commands against sluice-local's scheduler with {@code --endpoint-url}:
 * the CLI marshals requests from its own copy of the service model, so this is a second, independent client.
 * A schedule created this way fires its job. Skipped, saying why, where no CLI is installed.
 */
class AwsCliSchedulerTest {

    @Test
    void aScheduleCreatedWithTheAwsCliFiresItsJob() throws Exception {
        assumeTrue(AwsCli.installed(), AwsCli.MISSING);
        try (LocalHarness local = LocalHarness.start(List.of("once"), Map.of())) {
            String endpoint = local.runtime.scheduler().endpoint().toString();
            String jobId = "cli-scheduled-" + UUID.randomUUID();
            String input =
                    "{\"specVersion\":\"1\",\"jobId\":\"" + jobId + "\",\"type\":\"once\",\"payload\":{\"millis\":0}}";
            String target = SluiceJson.mapper()
                    .writeValueAsString(Map.of(
                            "Arn",
                            local.runtime.queueArn("once", Priority.NORMAL),
                            "RoleArn",
                            CatalogueSchedules.ROLE_ARN,
                            "Input",
                            input));

            AwsCli.Result created = AwsCli.run(
                    endpoint,
                    "scheduler",
                    "create-schedule",
                    "--name",
                    "cli-once",
                    "--group-name",
                    "sluice",
                    "--schedule-expression",
                    "at(2030-01-01T09:00:00)",
                    "--schedule-expression-timezone",
                    "Europe/Paris",
                    "--flexible-time-window",
                    "{\"Mode\":\"OFF\"}",
                    "--action-after-completion",
                    "DELETE",
                    "--target",
                    target);
            assertEquals(0, created.code(), created.output());
            assertEquals(
                    "arn:aws:scheduler:us-east-1:000000000000:schedule/sluice/cli-once",
                    SluiceJson.mapper()
                            .readTree(created.output())
                            .get("ScheduleArn")
                            .asText());

            AwsCli.Result got =
                    AwsCli.run(endpoint, "scheduler", "get-schedule", "--name", "cli-once", "--group-name", "sluice");
            assertEquals(0, got.code(), got.output());
            JsonNode schedule = SluiceJson.mapper().readTree(got.output());
            assertEquals(
                    "at(2030-01-01T09:00:00)",
                    schedule.get("ScheduleExpression").asText());
            assertEquals(input, schedule.get("Target").get("Input").asText());

            local.runtime.scheduler().dispatcher().fireDue(Instant.parse("2030-01-01T08:00:00Z"));
            LocalHarness.await(
                    () -> JobLedger.finishPosition(jobId) != null,
                    Duration.ofSeconds(60),
                    () -> "job " + jobId + " did not run");

            AwsCli.Result gone =
                    AwsCli.run(endpoint, "scheduler", "get-schedule", "--name", "cli-once", "--group-name", "sluice");
            assertNotEquals(0, gone.code());
            assertTrue(gone.output().contains("ResourceNotFoundException"), "deleted after it fired: " + gone.output());
        }
    }
}
