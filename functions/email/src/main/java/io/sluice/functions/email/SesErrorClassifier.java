package io.sluice.functions.email;

import io.sluice.job.JobDeferral;
import io.sluice.job.PermanentJobFailure;
import io.sluice.job.RetryableJobFailure;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sesv2.model.AccountSuspendedException;
import software.amazon.awssdk.services.sesv2.model.BadRequestException;
import software.amazon.awssdk.services.sesv2.model.LimitExceededException;
import software.amazon.awssdk.services.sesv2.model.MailFromDomainNotVerifiedException;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.model.NotFoundException;
import software.amazon.awssdk.services.sesv2.model.SendingPausedException;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;

/**
 * Decides what a failed SES v2 {@code SendEmail} call means for the job, from the error SES returned
 * (<a href="https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_SendEmail.html">SendEmail errors</a>).
 * The failure message carries SES's error code and message, so history and the DLQ say what SES said.
 *
 * <ul>
 *   <li><b>Defer</b>, without spending an attempt: {@code TooManyRequestsException} (API rate),
 *       {@code LimitExceededException} and any other throttling error (SES reports "Maximum sending rate exceeded"
 *       and "Daily message quota exceeded" this way). The message is fine and SES is busy, so the job waits like a
 *       rate-limited one instead of dying of throttling. SES names no time (AWS advises waiting up to 10
 *       minutes), so the wait is the configured throttle delay, spread from half to one and a half times it by
 *       job id, so a throttled burst does not come back all at once.
 *   <li><b>Retry</b> (the job type's backoff): {@code SendingPausedException}: sending for the account or
 *       configuration set is paused, which an operator or SES lifts, so the job should survive a short pause; a
 *       long one exhausts the attempts and dead-letters it with SES's message, to be redriven after sending
 *       resumes. Also 5xx, expired credentials or clock skew, timeouts and network failures.
 *   <li><b>Permanent</b>: {@code MessageRejected} (content or an unverified address, in the sandbox also the
 *       recipient), {@code MailFromDomainNotVerifiedException}, {@code AccountSuspendedException} ("permanently
 *       restricted"), {@code BadRequestException}, {@code NotFoundException} (a template or configuration set
 *       that does not exist), and any other 4xx, such as missing IAM permission: repeating the same call cannot
 *       succeed, and the job waits in the DLQ until the cause is fixed and it is redriven.
 * </ul>
 */
public final class SesErrorClassifier {
    private static final Pattern ADDRESS = Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+)");
    private static final int MAX_MESSAGE = 300;

    private final Duration throttleDelay;

    /**
     * @param throttleDelay the middle of the wait after throttling
     */
    public SesErrorClassifier(Duration throttleDelay) {
        this.throttleDelay = throttleDelay;
    }

    /**
     * What to throw for {@code error}: a {@link JobDeferral}, a {@link PermanentJobFailure} or a
     * {@link RetryableJobFailure}.
     *
     * @param jobId spreads the throttling wait, so jobs throttled together come back at different times
     */
    public Exception classify(SdkException error, String jobId) {
        if (error instanceof AwsServiceException service) {
            return classifyService(service, jobId);
        }
        if (error instanceof ApiCallTimeoutException || error instanceof ApiCallAttemptTimeoutException) {
            return new RetryableJobFailure("SES did not answer before the attempt's deadline");
        }
        // Client-side: connection refused, DNS, TLS, credentials not found. Networks and credential endpoints recover.
        return new RetryableJobFailure(
                "could not call SES: " + error.getClass().getSimpleName() + ": " + firstLine(error.getMessage()));
    }

    private Exception classifyService(AwsServiceException e, String jobId) {
        String said = said(e);
        if (e instanceof TooManyRequestsException || e instanceof LimitExceededException || e.isThrottlingException()) {
            Duration wait = spread(jobId);
            return JobDeferral.after(
                    "SES throttled the request: " + said + "; trying again in " + wait.toMillis() / 1000.0 + " s",
                    wait);
        }
        if (e instanceof SendingPausedException) {
            return new RetryableJobFailure("SES sending is paused: " + said);
        }
        if (e instanceof MessageRejectedException
                || e instanceof MailFromDomainNotVerifiedException
                || e instanceof AccountSuspendedException
                || e instanceof BadRequestException
                || e instanceof NotFoundException) {
            return new PermanentJobFailure("SES refused the message: " + said);
        }
        int status = e.statusCode();
        if (status >= 500 || e.isClockSkewException() || expiredCredentials(e)) {
            return new RetryableJobFailure("SES failed (HTTP " + status + "): " + said);
        }
        if (status >= 400) {
            return new PermanentJobFailure("SES refused the request (HTTP " + status + "): " + said);
        }
        return new RetryableJobFailure("unexpected answer from SES (HTTP " + status + "): " + said);
    }

    /** The throttle delay times a factor from 0.5 to 1.5 that the job id fixes: jitter without a random source. */
    public Duration spread(String jobId) {
        double factor = 0.5 + Math.floorMod(jobId == null ? 0 : jobId.hashCode(), 1000) / 1000.0;
        return Duration.ofMillis(Math.max(1, Math.round(throttleDelay.toMillis() * factor)));
    }

    /** {@code <error code>: <SES's message>}, as SES sent them. */
    private static String said(AwsServiceException e) {
        AwsErrorDetails details = e.awsErrorDetails();
        String code =
                details == null || details.errorCode() == null ? e.getClass().getSimpleName() : details.errorCode();
        String message = details == null ? null : details.errorMessage();
        return message == null || message.isBlank() ? code : code + ": " + firstLine(message);
    }

    private static boolean expiredCredentials(AwsServiceException e) {
        AwsErrorDetails details = e.awsErrorDetails();
        String code = details == null || details.errorCode() == null
                ? ""
                : details.errorCode().toLowerCase(Locale.ROOT);
        return code.contains("expiredtoken") || code.equals("requestexpired");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int cut = message.indexOf('\n');
        String line = redacted((cut < 0 ? message : message.substring(0, cut)).trim());
        return line.length() > MAX_MESSAGE ? line.substring(0, MAX_MESSAGE) + "…" : line;
    }

    /**
     * SES's messages name addresses ("… failed the check in region EU-WEST-1: ada@example.com"); they go to logs,
     * history and DLQ attributes, so the person's part is masked and the domain, which tells an operator which
     * identity or recipient domain failed, is kept.
     */
    static String redacted(String text) {
        return ADDRESS.matcher(text).replaceAll("<address>@$1");
    }
}
