package io.sluice.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.envelope.EnvelopeParser;
import io.sluice.envelope.JobEnvelope;
import io.sluice.job.Priority;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScheduledEnvelopeTest {
    private final JobDefinition digest = JobDefinitionBuilder.job("digest")
            .priorities(Priority.LOW, Priority.NORMAL)
            .schedule(new ScheduleSpec("rate(5 minutes)", "UTC", "{\"kind\":\"daily\"}"))
            .build();

    @Test
    void aFiringBecomesAValidEnvelopeWhoseIdIsTheScheduleAndItsTime() throws Exception {
        String template = ScheduledEnvelope.forCatalogue("sluice", digest);
        assertTrue(template.contains("\"jobId\":\"sluice-digest:<aws.scheduler.scheduled-time>\""), template);

        String body = ScheduledEnvelope.substitute(
                template,
                "arn:aws:scheduler:eu-west-1:123456789012:schedule/sluice/sluice-digest",
                Instant.parse("2026-11-28T10:15:00Z"),
                "d32c5kddcf5bb8c3",
                1);
        JobEnvelope envelope = new EnvelopeParser().parse(body);
        assertEquals("sluice-digest:2026-11-28T10:15:00Z", envelope.jobId());
        assertEquals(
                ScheduledEnvelope.jobId("sluice-digest", Instant.parse("2026-11-28T10:15:00.700Z")), envelope.jobId());
        assertEquals(Instant.parse("2026-11-28T10:15:00Z"), envelope.createdAt());
        assertEquals(
                Priority.NORMAL, envelope.priority(), "the default priority, normal, though LOW is declared first");
        assertEquals("digest", envelope.type());
        assertEquals("schedule:sluice-digest", envelope.source());
        assertEquals(0, envelope.attempt());
    }

    @Test
    void twoDeliveriesOfOneFiringCarryTheSameJobId() throws Exception {
        String template = ScheduledEnvelope.forCatalogue("sluice", digest);
        Instant at = Instant.parse("2026-11-28T10:15:00Z");
        EnvelopeParser parser = new EnvelopeParser();
        assertEquals(
                parser.parse(ScheduledEnvelope.substitute(template, "arn", at, "first", 1))
                        .jobId(),
                parser.parse(ScheduledEnvelope.substitute(template, "arn", at, "retry", 2))
                        .jobId());
    }

    @Test
    void refusesAScheduleNameSchedulerWouldRefuse() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> ScheduledEnvelope.template(
                        "nightly report",
                        "digest",
                        Priority.NORMAL,
                        digest.schedule().payloadTree()));
        assertEquals("schedule name 'nightly report' must be 1 to 64 letters, digits, '.', '_' or '-'", e.getMessage());
    }
}
