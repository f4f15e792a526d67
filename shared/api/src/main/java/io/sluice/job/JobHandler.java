package io.sluice.job;

import java.util.List;

/**
 * The code of one job type. Implementations are annotated with {@link Job}; the type argument is the
 * payload record, which Sluice deserialises from the envelope's {@code payload} with Jackson (unknown
 * fields are refused) before {@link #validate} and {@link #handle} see it.
 *
 * <p>An implementation has a public constructor taking a {@link JobConfig}, or a public no-argument
 * constructor. The constructor should not fail for a missing or bad setting: it runs at Lambda init (a failure
 * there fails SnapStart's version publish, so the deployment rolls back) and in producers, which validate payloads
 * with it but lack the function's settings; report the setting from {@link #handle} instead (a
 * {@link PermanentJobFailure} naming it), and build clients lazily. It is created once per Lambda execution environment and called concurrently, so it must
 * be thread-safe. Outcomes: return normally for success; throw {@link PermanentJobFailure} when a retry
 * cannot help (the job is dead-lettered now); throw anything else to retry with backoff, or
 * {@link RetryableJobFailure} to name the delay the remote side asked for.
 *
 * @param <P> the payload type
 */
public interface JobHandler<P> {

    /**
     * Checks a payload before it runs. Each returned string names a field and what is wrong with it,
     * for example {@code "url: must be an absolute http or https URL"}. A non-empty list dead-letters
     * the job at once with reason {@code invalid-payload}. The default accepts every payload.
     */
    default List<String> validate(P payload) {
        return List.of();
    }

    /**
     * Runs the job once. The runtime calls it only with a payload {@link #validate} accepted (and the producer client
     * checks before sending); Sluice's own handlers check again, cheaply, for direct callers such as tools and tests.
     *
     * @return a short, secret-free summary of the result for history, such as {@code "HTTP 204"}
     * @throws Exception any failure; see the class documentation for how each kind is treated
     */
    JobResult handle(P payload, JobContext context) throws Exception;
}
