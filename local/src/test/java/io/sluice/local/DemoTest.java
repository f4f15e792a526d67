package io.sluice.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.envelope.DeadLetterReason;
import io.sluice.local.demo.DemoRun;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README's main job, at a fifth of its size: the webhook type against a real local HTTP receiver,
 * through sluice-local. Every bucket of the workload must end where it belongs.
 */
class DemoTest {

    @Test
    void demoWorkloadBalancesWithEveryJobInItsExpectedEnd() throws Exception {
        StringWriter text = new StringWriter();
        DemoRun.DemoReport report = new DemoRun(200, Duration.ofMinutes(2))
                .run(
                        LocalOptions.builder()
                                .ports(LocalHarness.freePort(), LocalHarness.freePort())
                                .pollWaitSeconds(1)
                                .build(),
                        new PrintWriter(text),
                        false);
        report.print(new PrintWriter(text));

        assertTrue(report.balanced(), text.toString());
        assertEquals(206, report.sent());
        // Per 100 jobs: 65 ok, 15 flaky and 8 slow-down succeed; 6 broken exhaust their attempts; 4 gone
        // and 1 aimed at the metadata address fail permanently; 1 is not a URL.
        assertEquals(2 * (65 + 15 + 8), report.succeeded());
        assertEquals(2 * (15 + 8), report.succeededAfterRetry());
        assertEquals(
                Map.of(
                        DeadLetterReason.MAX_ATTEMPTS, 12,
                        DeadLetterReason.PERMANENT_FAILURE, 10,
                        DeadLetterReason.INVALID_PAYLOAD, 3,
                        DeadLetterReason.MALFORMED_JSON, 2,
                        DeadLetterReason.UNSUPPORTED_SPEC_VERSION, 1,
                        DeadLetterReason.UNKNOWN_TYPE, 1,
                        DeadLetterReason.INVALID_ENVELOPE, 1),
                report.deadLetteredByReason());
        // Each broken job retried 4 times before its 5th attempt failed; flaky and slow-down once each.
        assertEquals(12 * 4 + 2 * (15 + 8), report.retryAttempts());
        assertTrue(text.toString().contains("OK: every job is accounted for."));
    }
}
