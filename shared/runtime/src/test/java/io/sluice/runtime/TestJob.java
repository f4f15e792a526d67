package io.sluice.runtime;

import io.sluice.job.JobContext;
import io.sluice.job.JobHandler;
import io.sluice.job.JobResult;
import io.sluice.job.PayloadValidator;
import io.sluice.job.PermanentJobFailure;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A job whose payload says what to do: {@code ok} succeeds, {@code fail} throws a retryable error,
 * {@code permanent} throws {@link PermanentJobFailure}, {@code sleep} sleeps {@code millis} (to meet the
 * timeout). It records every job id it ran and whether it was interrupted.
 */
final class TestJob implements JobHandler<TestJob.Payload> {
    static final Set<String> ACTIONS = Set.of("ok", "fail", "permanent", "sleep");

    /** The payload; unknown fields are refused by Sluice's mapper. */
    record Payload(String action, Integer millis) {}

    final List<String> ran = new CopyOnWriteArrayList<>();
    final List<String> interrupted = new CopyOnWriteArrayList<>();

    /** The payload's checks: an action it knows. */
    static final class Validator implements PayloadValidator<Payload> {
        @Override
        public List<String> problems(Payload payload) {
            if (payload.action() == null || !ACTIONS.contains(payload.action())) {
                return List.of("action: must be one of fail, ok, permanent, sleep");
            }
            return List.of();
        }
    }

    @Override
    public JobResult handle(Payload payload, JobContext context) throws Exception {
        ran.add(context.jobId());
        switch (payload.action()) {
            case "fail" -> throw new IllegalStateException("boom");
            case "permanent" -> throw new PermanentJobFailure("the account no longer exists");
            case "sleep" -> {
                try {
                    Thread.sleep(payload.millis() == null ? 0 : payload.millis());
                } catch (InterruptedException e) {
                    interrupted.add(context.jobId());
                    throw e;
                }
            }
            default -> {}
        }
        return JobResult.of("done " + context.jobId());
    }
}
