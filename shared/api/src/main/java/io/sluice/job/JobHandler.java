package io.sluice.job;

/**
 * The code of one job type. Implementations are annotated with {@link Job}; the type argument is the
 * payload record, which Sluice deserialises from the envelope's {@code payload} with Jackson (unknown
 * fields are refused) and checked by the type's {@link PayloadValidator} before {@link #handle} sees it.
 *
 * <p>An implementation has a public constructor taking a {@link JobConfig}, or a public no-argument
 * constructor. Only functions create handlers (a producer checks payloads with the validator alone), so a
 * constructor may refuse a bad setting; mind that it runs at Lambda init, where a failure fails SnapStart's
 * version publish and rolls the deployment back, so a setting that one deployment may legitimately lack is better
 * reported per job (a {@link PermanentJobFailure} naming it). Build rarely used clients lazily. A handler is created
 * once per Lambda execution environment and called concurrently, so it must be thread-safe. Outcomes: return normally for success; throw {@link PermanentJobFailure} when a retry
 * cannot help (the job is dead-lettered now); throw anything else to retry with backoff, or
 * {@link RetryableJobFailure} to name the delay the remote side asked for.
 *
 * @param <P> the payload type
 */
public interface JobHandler<P> {

    /**
     * Runs the job once. The runtime calls it only with a payload the type's {@link PayloadValidator} accepted (and
     * the producer client checks before sending), so it does not check again.
     *
     * @return a short, secret-free summary of the result for history, such as {@code "HTTP 204"}
     * @throws Exception any failure; see the class documentation for how each kind is treated
     */
    JobResult handle(P payload, JobContext context) throws Exception;
}
