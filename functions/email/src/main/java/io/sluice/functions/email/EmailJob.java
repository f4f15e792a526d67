package io.sluice.functions.email;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.sluice.envelope.SluiceJson;
import io.sluice.job.Backoff;
import io.sluice.job.Job;
import io.sluice.job.JobConfig;
import io.sluice.job.JobContext;
import io.sluice.job.JobHandler;
import io.sluice.job.JobResult;
import io.sluice.job.PermanentJobFailure;
import io.sluice.job.Priority;
import io.sluice.job.RetryableJobFailure;
import io.sluice.lazy.Lazy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.Body;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.Destination;
import software.amazon.awssdk.services.sesv2.model.EmailContent;
import software.amazon.awssdk.services.sesv2.model.Message;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;
import software.amazon.awssdk.services.sesv2.model.SendEmailResponse;
import software.amazon.awssdk.services.sesv2.model.Template;

/**
 * The {@code email} job type: sends one message described by an {@link EmailPayload} through Amazon SES v2
 * {@code SendEmail}, from the sender in {@code SLUICE_EMAIL_FROM} (see {@link EmailSettings}), either as a
 * subject with text and/or HTML bodies or as a stored SES template with its data. Success records SES's
 * message id as the job's result; {@link SesErrorClassifier} decides which SES errors defer the job without
 * spending an attempt (throttling), which retry (paused sending, 5xx, network) and which dead-letter it with
 * SES's message (rejected message, unverified domain, suspended account, bad request).
 *
 * <p>The SES client is built on the first job, not during Lambda init, so functions of other types and a
 * cold start that never sends pay nothing for it; {@link SesClientFactory} says where its endpoint, region
 * and credentials come from. {@code SendEmail} has no idempotency token: if SES accepted a message but the
 * answer was lost (a timeout), the retry sends it again. Addresses, subjects and bodies are never logged.
 */
@Job(
        type = "email",
        priorities = {Priority.HIGH, Priority.NORMAL, Priority.LOW},
        maxAttempts = 6,
        backoff = @Backoff(initial = "PT30S", multiplier = 2.0, max = "PT10M"),
        timeout = "PT30S",
        memoryMb = 512,
        concurrency = 10,
        description = "Sends an e-mail through Amazon SES v2 from the configured sender; retries throttling and 5xx.")
public final class EmailJob implements JobHandler<EmailPayload> {
    private static final Logger LOG = LoggerFactory.getLogger(EmailJob.class);
    /** Time kept back from the deadline for the runtime to record the outcome. */
    private static final Duration MARGIN = Duration.ofMillis(500);

    private final EmailSettings settings;
    private final SesErrorClassifier errors;
    /** Why the configuration is unusable, or {@code null}; each job then dead-letters with it. */
    private final String misconfiguration;

    private final Clock clock;
    private final Lazy<SesV2Client> client;

    /** The constructor the runtime calls, with the function's configuration. */
    public EmailJob(JobConfig config) {
        this(config, Clock.systemUTC());
    }

    /** For tests: a fixed clock for the deadline arithmetic. */
    EmailJob(JobConfig config, Clock clock) {
        EmailSettings readSettings = null;
        SesClientFactory readClients = null;
        String problem = null;
        try {
            readSettings = EmailSettings.from(config);
            readClients = new SesClientFactory(config);
        } catch (IllegalArgumentException e) {
            // Not thrown from init: a function that cannot start fails every SnapStart publish (the deployment
            // rolls back) and, in sluice-local, every poll. A job that cannot be sent is dead-lettered instead,
            // naming the setting, and can be redriven once the configuration is fixed.
            problem = e.getMessage();
            LOG.error("the email job type is misconfigured; its jobs will be dead-lettered: {}", problem);
        }
        this.settings = readSettings;
        SesClientFactory clients = readClients;
        this.client = Lazy.of(() -> clients.create());
        this.errors = readSettings == null ? null : new SesErrorClassifier(readSettings.throttleDelay());
        this.misconfiguration = problem;
        this.clock = clock;
    }

    @Override
    public JobResult handle(EmailPayload payload, JobContext context) throws Exception {
        if (misconfiguration != null) {
            throw new PermanentJobFailure("the email job type is misconfigured: " + misconfiguration
                    + "; fix the function's configuration, then redrive the job from its dead-letter queue");
        }
        Duration left = Duration.between(clock.instant(), context.deadline()).minus(MARGIN);
        if (left.isNegative() || left.isZero()) {
            throw new RetryableJobFailure("no time left before the attempt's deadline to call SES");
        }
        SendEmailRequest request = request(payload).toBuilder()
                .overrideConfiguration(c -> c.apiCallTimeout(left))
                .build();
        SendEmailResponse response;
        try {
            response = client.get().sendEmail(request);
        } catch (AbortedException e) {
            if (Thread.currentThread().isInterrupted()) {
                // The runtime's watchdog: let it report the timeout.
                throw new InterruptedException("SES call interrupted at the attempt's deadline");
            }
            throw errors.classify(e, context.jobId());
        } catch (SdkException e) {
            throw errors.classify(e, context.jobId());
        }
        LOG.atDebug()
                .addKeyValue("jobId", context.jobId())
                .addKeyValue("sesMessageId", response.messageId())
                .log("email accepted by SES");
        return JobResult.of(response.messageId());
    }

    /** The {@code SendEmail} request for a valid payload, without per-call settings. */
    SendEmailRequest request(EmailPayload payload) throws PermanentJobFailure {
        SendEmailRequest.Builder builder = SendEmailRequest.builder()
                .fromEmailAddress(settings.sender())
                .destination(Destination.builder()
                        .toAddresses(payload.to())
                        .ccAddresses(payload.cc())
                        .bccAddresses(payload.bcc())
                        .build())
                .content(content(payload));
        settings.configurationSet().ifPresent(builder::configurationSetName);
        return builder.build();
    }

    private static EmailContent content(EmailPayload payload) throws PermanentJobFailure {
        if (payload.template() != null) {
            EmailTemplate template = payload.template();
            String data;
            try {
                data = template.data() == null || template.data().isNull()
                        ? "{}"
                        : SluiceJson.mapper().writeValueAsString(template.data());
            } catch (JsonProcessingException e) {
                throw new PermanentJobFailure("template.data could not be written as JSON");
            }
            return EmailContent.builder()
                    .template(Template.builder()
                            .templateName(template.name())
                            .templateData(data)
                            .build())
                    .build();
        }
        Body.Builder body = Body.builder();
        if (payload.text() != null) {
            body.text(utf8(payload.text()));
        }
        if (payload.html() != null) {
            body.html(utf8(payload.html()));
        }
        return EmailContent.builder()
                .simple(Message.builder()
                        .subject(utf8(payload.subject()))
                        .body(body.build())
                        .build())
                .build();
    }

    private static Content utf8(String data) {
        return Content.builder()
                .data(data)
                .charset(StandardCharsets.UTF_8.name())
                .build();
    }
}
