package io.sluice.functions.email;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.job.JobDeferral;
import io.sluice.job.PermanentJobFailure;
import io.sluice.job.RetryableJobFailure;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sesv2.model.AccountSuspendedException;
import software.amazon.awssdk.services.sesv2.model.BadRequestException;
import software.amazon.awssdk.services.sesv2.model.InternalServiceErrorException;
import software.amazon.awssdk.services.sesv2.model.LimitExceededException;
import software.amazon.awssdk.services.sesv2.model.MailFromDomainNotVerifiedException;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.model.NotFoundException;
import software.amazon.awssdk.services.sesv2.model.SendingPausedException;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;

/**
 * The SES error table, on the SDK's own exception types as the SDK builds them from SES's answers
 * (status code, error code, message). {@code SesEmailEndToEndTest} shows the same through the wire.
 */
class SesErrorClassifierTest {
    private final SesErrorClassifier classifier = new SesErrorClassifier(Duration.ofMinutes(1));

    private Exception classify(software.amazon.awssdk.core.exception.SdkException e) {
        return classifier.classify(e, "job-1");
    }

    private static <B extends AwsServiceException.Builder> AwsServiceException error(
            B builder, int status, String code, String message) {
        return builder.statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage(message)
                        .build())
                .build();
    }

    @Test
    void addressesAreMaskedButTheirDomainsKept() {
        assertEquals(
                "failed: <address>@example.com, <address>@mail.example.org; not an address: a@b, @example.com",
                SesErrorClassifier.redacted(
                        "failed: ada.lovelace+x@example.com, O'Hara@mail.example.org; not an address: a@b, @example.com"));
    }

    @Test
    void messageRejectedIsPermanentWithSesMessage() {
        Exception failure = classify(
                error(
                        MessageRejectedException.builder(),
                        400,
                        "MessageRejected",
                        "Email address is not verified. The following identities failed the check in region EU-WEST-1: noreply@example.com"));

        assertInstanceOf(PermanentJobFailure.class, failure);
        assertEquals(
                "SES refused the message: MessageRejected: Email address is not verified. The following identities failed the check "
                        + "in region EU-WEST-1: <address>@example.com",
                failure.getMessage(),
                "SES's words, the address's person part masked");
    }

    @Test
    void unverifiedDomainSuspendedAccountBadRequestAndMissingTemplateArePermanent() {
        assertInstanceOf(
                PermanentJobFailure.class,
                classify(error(
                        MailFromDomainNotVerifiedException.builder(),
                        400,
                        "MailFromDomainNotVerifiedException",
                        "not verified")));
        assertInstanceOf(
                PermanentJobFailure.class,
                classify(error(AccountSuspendedException.builder(), 400, "AccountSuspendedException", "suspended")));
        assertInstanceOf(
                PermanentJobFailure.class,
                classify(error(BadRequestException.builder(), 400, "BadRequestException", "Missing final '@domain'")));
        Exception missing = classify(
                error(NotFoundException.builder(), 404, "NotFoundException", "Template welcome does not exist."));
        assertInstanceOf(PermanentJobFailure.class, missing);
        assertEquals(
                "SES refused the message: NotFoundException: Template welcome does not exist.", missing.getMessage());
    }

    @Test
    void throttlingAndQuotaErrorsDeferTheJobForTheThrottleDelaySpreadByJobId() {
        Exception tooMany = classify(
                error(TooManyRequestsException.builder(), 429, "TooManyRequestsException", "Too many requests"));
        Exception quota = classify(error(
                LimitExceededException.builder(), 400, "LimitExceededException", "Maximum sending rate exceeded."));
        Exception throttling =
                classify(error(SesV2Exception.builder(), 400, "ThrottlingException", "Daily message quota exceeded."));

        Duration wait = classifier.spread("job-1");
        String seconds = wait.toMillis() / 1000.0 + " s";
        assertEquals(
                "SES throttled the request: TooManyRequestsException: Too many requests; trying again in " + seconds,
                tooMany.getMessage());
        assertEquals(
                "SES throttled the request: LimitExceededException: Maximum sending rate exceeded.; trying again in "
                        + seconds,
                quota.getMessage());
        assertEquals(
                "SES throttled the request: ThrottlingException: Daily message quota exceeded.; trying again in "
                        + seconds,
                throttling.getMessage());
        for (Exception e : new Exception[] {tooMany, quota, throttling}) {
            assertEquals(
                    Optional.of(wait), assertInstanceOf(JobDeferral.class, e).delay());
        }
    }

    @Test
    void theThrottleWaitIsHalfToOneAndAHalfTimesTheDelayAndDiffersBetweenJobs() {
        java.util.Set<Duration> waits = new java.util.HashSet<>();
        for (int i = 0; i < 200; i++) {
            Duration wait = classifier.spread("job-" + i);
            assertTrue(
                    wait.compareTo(Duration.ofSeconds(30)) >= 0 && wait.compareTo(Duration.ofSeconds(90)) < 0,
                    wait.toString());
            waits.add(wait);
        }
        assertTrue(waits.size() > 100, "spread over many values, was " + waits.size());
        assertEquals(classifier.spread("job-7"), classifier.spread("job-7"), "the same job waits the same");
    }

    @Test
    void pausedSendingRetries() {
        Exception failure = classify(error(
                SendingPausedException.builder(),
                400,
                "SendingPausedException",
                "Sending is paused for this account."));

        assertEquals(
                "SES sending is paused: SendingPausedException: Sending is paused for this account.",
                assertInstanceOf(RetryableJobFailure.class, failure).getMessage());
    }

    @Test
    void serverErrorsAndExpiredCredentialsRetry() {
        assertInstanceOf(
                RetryableJobFailure.class,
                classify(error(InternalServiceErrorException.builder(), 500, "InternalServiceErrorException", "boom")));
        assertInstanceOf(
                RetryableJobFailure.class, classify(error(SesV2Exception.builder(), 503, "ServiceUnavailable", null)));
        assertInstanceOf(
                RetryableJobFailure.class,
                classify(error(
                        SesV2Exception.builder(),
                        403,
                        "ExpiredTokenException",
                        "The security token included in the request is expired")));
    }

    @Test
    void otherClientErrorsArePermanent() {
        Exception denied = classify(error(
                SesV2Exception.builder(),
                403,
                "AccessDeniedException",
                "User is not authorized to perform ses:SendEmail"));

        assertEquals(
                "SES refused the request (HTTP 403): AccessDeniedException: User is not authorized to perform ses:SendEmail",
                assertInstanceOf(PermanentJobFailure.class, denied).getMessage());
    }

    @Test
    void networkFailuresAndTimeoutsRetry() {
        assertEquals(
                "could not call SES: SdkClientException: Unable to execute HTTP request: Connection refused",
                assertInstanceOf(
                                RetryableJobFailure.class,
                                classify(SdkClientException.create(
                                        "Unable to execute HTTP request: Connection refused")))
                        .getMessage());
        assertEquals(
                "SES did not answer before the attempt's deadline",
                assertInstanceOf(RetryableJobFailure.class, classify(ApiCallTimeoutException.create(5000)))
                        .getMessage());
    }
}
