package io.sluice.functions.email;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.sluice.functions.testing.FixedJobContext;
import io.sluice.job.JobConfig;
import io.sluice.job.PermanentJobFailure;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

/** How a payload becomes an SES v2 {@code SendEmail} request; the wire itself is covered end to end in sluice-local. */
class EmailJobTest {
    private static final Map<String, String> CONFIG = Map.of(
            EmailSettings.FROM_KEY,
            "Example Shop <noreply@example.com>",
            EmailSettings.CONFIGURATION_SET_KEY,
            "transactional");

    @Test
    void aSimpleMessageCarriesSenderRecipientsSubjectAndBothBodiesInUtf8() throws Exception {
        SendEmailRequest request = new EmailJob(JobConfig.fromMap(CONFIG))
                .request(new EmailPayload(
                        List.of("ada@example.com"),
                        List.of("bob@example.com"),
                        List.of("audit@example.com"),
                        "Grüße",
                        "Hallo",
                        "<p>Hallo</p>",
                        null));

        assertEquals("Example Shop <noreply@example.com>", request.fromEmailAddress());
        assertEquals("transactional", request.configurationSetName());
        assertEquals(List.of("ada@example.com"), request.destination().toAddresses());
        assertEquals(List.of("bob@example.com"), request.destination().ccAddresses());
        assertEquals(List.of("audit@example.com"), request.destination().bccAddresses());
        assertEquals("Grüße", request.content().simple().subject().data());
        assertEquals("UTF-8", request.content().simple().subject().charset());
        assertEquals("Hallo", request.content().simple().body().text().data());
        assertEquals("<p>Hallo</p>", request.content().simple().body().html().data());
        assertNull(request.content().template());
    }

    @Test
    void aTemplateCarriesItsNameAndItsDataAsCompactJson() throws Exception {
        SendEmailRequest request = new EmailJob(
                        JobConfig.fromMap(Map.of(EmailSettings.FROM_KEY, "noreply@example.com")))
                .request(new EmailPayload(
                        List.of("ada@example.com"),
                        null,
                        null,
                        null,
                        null,
                        null,
                        new EmailTemplate(
                                "welcome",
                                JsonNodeFactory.instance
                                        .objectNode()
                                        .put("firstName", "Ada")
                                        .put("trialDays", 14))));

        assertEquals("welcome", request.content().template().templateName());
        assertEquals(
                "{\"firstName\":\"Ada\",\"trialDays\":14}",
                request.content().template().templateData());
        assertNull(request.configurationSetName());
        assertNull(request.content().simple());
    }

    @Test
    void aTemplateWithoutDataSendsAnEmptyObject() throws Exception {
        SendEmailRequest request = new EmailJob(JobConfig.fromMap(CONFIG))
                .request(new EmailPayload(
                        List.of("ada@example.com"), null, null, null, null, null, new EmailTemplate("welcome", null)));

        assertEquals("{}", request.content().template().templateData());
    }

    @Test
    void aBadEndpointDeadLettersEachJobNamingTheVariableInsteadOfFailingTheFunction() {
        EmailJob job = new EmailJob(JobConfig.fromMap(Map.of(
                EmailSettings.FROM_KEY, "noreply@example.com", SesClientFactory.ENDPOINT_KEY, "localhost:4566")));

        PermanentJobFailure e = assertThrows(
                PermanentJobFailure.class,
                () -> job.handle(
                        new EmailPayload(List.of("ada@example.com"), null, null, "Hi", "Hello", null, null),
                        new FixedJobContext("job-1", "email", 1, Instant.now().plusSeconds(30))));
        assertEquals(
                "the email job type is misconfigured: AWS_ENDPOINT_URL_SESV2: 'localhost:4566' is not an absolute http or https URL;"
                        + " fix the function's configuration, then redrive the job from its dead-letter queue",
                e.getMessage());
    }

    @Test
    void aMissingSenderDeadLettersEachJobNamingTheVariable() {
        EmailJob job = new EmailJob(JobConfig.fromMap(Map.of()));

        PermanentJobFailure e = assertThrows(
                PermanentJobFailure.class,
                () -> job.handle(
                        new EmailPayload(List.of("ada@example.com"), null, null, "Hi", "Hello", null, null),
                        new FixedJobContext("job-1", "email", 1, Instant.now().plusSeconds(30))));
        assertTrue(
                e.getMessage().startsWith("the email job type is misconfigured: SLUICE_EMAIL_FROM is not set"),
                e.getMessage());
    }
}
