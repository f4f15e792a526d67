package io.sluice.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import io.sluice.envelope.JobEnvelope;
import io.sluice.job.JobMetrics;
import io.sluice.store.JobStore;
import io.sluice.store.JobStore.Claimed;
import io.sluice.store.JobStore.JobRef;
import java.time.Instant;

/**
 * What the {@link PipelineStage stages} learn about one message as it goes through them; each stage reads what the
 * earlier ones set (the order is {@link JobPipeline}'s list). Lives for one {@link JobPipeline#run} call on one
 * thread, so its fields are plain.
 */
final class Delivery<P> {
    final SQSMessage message;
    /** The invocation, or {@code null} when run without Lambda. */
    final Context context;
    /** The batch's metrics view, handed to the handler. */
    final JobMetrics batchMetrics;
    /** SQS's {@code ApproximateReceiveCount}. */
    final int received;

    JobEnvelope envelope;
    JobRef job;
    /** This attempt's number: from receives until a store's claim counts it. */
    int attempt;
    /** The moment the job is judged at: not-before time, rate limits, claim. */
    Instant now;

    P payload;
    String budgetKey;
    /** The store's claim, or {@code null} with {@link JobStore#NONE}. */
    Claimed claim;

    Delivery(SQSMessage message, Context context, JobMetrics batchMetrics) {
        this.message = message;
        this.context = context;
        this.batchMetrics = batchMetrics;
        this.received = MessageAttributes.receiveCount(message);
    }

    /** The recording context of a refusal before any claim: the job as the envelope names it. */
    JobRun before() {
        return JobRun.before(job);
    }
}
