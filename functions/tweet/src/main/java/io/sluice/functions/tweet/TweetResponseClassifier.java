package io.sluice.functions.tweet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.job.JobDeferral;
import io.sluice.job.JobResult;
import io.sluice.job.PermanentJobFailure;
import io.sluice.job.RetryableJobFailure;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * Decides what X's answer to {@code POST /2/tweets} means for the job:
 *
 * <ul>
 *   <li>2xx (X sends 201): posted; the result is {@code tweet <id>} from {@code data.id}.
 *   <li>429: rate limited by X; the job is deferred to the reset time X named ({@link XRateLimitReset}) without
 *       spending an attempt, or retried after the backoff when X named none.
 *   <li>408 and 5xx: X is unavailable for now; retried after the backoff.
 *   <li>401 and 403: permanent: the credentials are wrong or revoked, the app lacks write permission, or the
 *       post is refused, notably as duplicate content. X's own message is kept in the failure.
 *   <li>any other 4xx (400 for an unknown media id or a deleted post to reply to, ...): permanent, with X's message.
 *   <li>anything else: retried, as a misbehaving server may recover and the attempt budget bounds the cost.
 * </ul>
 *
 * <p>Only X's error text goes into messages; request headers never do.
 */
public final class TweetResponseClassifier {
    private static final ObjectMapper JSON = new ObjectMapper();

    public TweetResponseClassifier() {}

    /**
     * @param headers a response header's first value by name
     * @param body the response body as text (X's bodies are small JSON documents)
     * @throws PermanentJobFailure on 401, 403 and other 4xx except 408 and 429
     * @throws JobDeferral on 429 with a reset time
     * @throws RetryableJobFailure on 408, 429 without a reset time, 5xx and unexpected codes
     */
    public JobResult classify(int status, Function<String, Optional<String>> headers, String body)
            throws PermanentJobFailure, RetryableJobFailure, JobDeferral {
        if (status >= 200 && status <= 299) {
            return JobResult.of(
                    tweetId(body).map(id -> "tweet " + id).orElse("HTTP " + status + " (no post id in the answer)"));
        }
        String reason = XErrorMessage.of(body);
        String said = "X answered HTTP " + status + (reason.isEmpty() ? "" : ": " + reason);
        if (status == 429) {
            Optional<Instant> reset = XRateLimitReset.of(headers);
            if (reset.isPresent()) {
                throw JobDeferral.until(said + "; rate limited until " + reset.get(), reset.get());
            }
            throw new RetryableJobFailure(said + "; rate limited, no reset time given");
        }
        if (status == 408 || (status >= 500 && status <= 599)) {
            throw new RetryableJobFailure(said);
        }
        if (status == 403 && XErrorMessage.isDuplicate(reason)) {
            throw new DuplicateContent("duplicate content: " + said);
        }
        if (status == 401) {
            throw new CredentialsRefused("not authorised: " + said);
        }
        if (status == 403) {
            throw new PermanentJobFailure("not authorised: " + said);
        }
        if (status >= 400 && status <= 499) {
            throw new PermanentJobFailure("refused: " + said);
        }
        throw new RetryableJobFailure("unexpected answer: " + said);
    }

    private static Optional<String> tweetId(String body) {
        try {
            JsonNode id = JSON.readTree(body == null ? "" : body).path("data").path("id");
            return id.isTextual() && id.textValue().matches("[0-9]{1,20}")
                    ? Optional.of(id.textValue())
                    : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
