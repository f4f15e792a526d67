package io.sluice.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.job.Priority;
import io.sluice.store.JobRecord;
import io.sluice.store.JobState;
import io.sluice.testing.ListeningSockets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The emulators sluice-local starts: loopback only, and job history that survives a restart with a data directory. */
class LocalEmulatorsTest {

    @Test
    void everyEmulatorListensOnLoopbackOnly() {
        Assumptions.assumeTrue(ListeningSockets.readable(), () -> {
            System.err.println(
                    "WARNING: SKIPPED LocalEmulatorsTest.everyEmulatorListensOnLoopbackOnly: no /proc/net/tcp on this machine");
            return "no /proc/net/tcp";
        });
        try (LocalHarness local = LocalHarness.start(List.of("noop"), Map.of(), false)) {
            Map<String, Integer> ports = Map.of(
                    "SQS (ElasticMQ)", local.runtime.sqsEndpoint().getPort(),
                    "DynamoDB (moto)", local.runtime.dynamoDbEndpoint().getPort(),
                    "EventBridge Scheduler",
                            local.runtime.scheduler().endpoint().getPort());
            ports.forEach((emulator, port) -> {
                List<String> addresses = ListeningSockets.addressesListeningOn(port);
                assertFalse(addresses.isEmpty(), emulator + ": nothing listens on " + port);
                assertTrue(ListeningSockets.allLoopback(addresses), emulator + " listens on " + addresses);
            });
        }
    }

    @Test
    void withADataDirectoryJobHistorySurvivesARestart(@TempDir Path dataDirectory) throws Exception {
        LocalOptions options = LocalOptions.builder()
                .ports(LocalHarness.freePort(), LocalHarness.freePort())
                .schedulerPort(0)
                .types(List.of("noop"))
                .pollWaitSeconds(1)
                .dataDirectory(dataDirectory.toString())
                .build();
        try (LocalRuntime runtime = LocalRuntime.start(options)) {
            runtime.startConsumers();
            runtime.sqs()
                    .sendMessage(r -> r.queueUrl(runtime.queueUrl("noop", Priority.NORMAL))
                            .messageBody(LocalHarness.envelope("noop", "kept-1", Priority.NORMAL, Map.of())));
            LocalHarness.await(() -> succeeded(runtime, "kept-1"), Duration.ofSeconds(30), () -> "job kept-1 succeeds");
        }
        assertTrue(
                Files.exists(dataDirectory.resolve(LocalRuntime.DYNAMODB_DATA_FILE)), "a clean stop saves the tables");

        try (LocalRuntime restarted = LocalRuntime.start(options.toBuilder()
                .ports(LocalHarness.freePort(), LocalHarness.freePort())
                .build())) {
            Optional<JobRecord> job = restarted.jobStore().get("kept-1");
            assertTrue(job.isPresent(), "the job's history is back after the restart");
            assertEquals(JobState.SUCCEEDED, job.get().state());
        }
    }

    private static boolean succeeded(LocalRuntime runtime, String jobId) {
        return runtime.jobStore()
                .get(jobId)
                .map(j -> j.state() == JobState.SUCCEEDED)
                .orElse(false);
    }
}
