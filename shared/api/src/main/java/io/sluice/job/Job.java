package io.sluice.job;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a job type. Put it on the one class that implements {@link JobHandler}; at compile time
 * Sluice's annotation processor adds the type to the catalogue ({@code META-INF/sluice/catalogue.jsonl}),
 * from which the Lambda entry point, sluice-local and the CDK app derive queues, dead-letter queues,
 * functions and event source mappings. There is no other list to edit.
 *
 * <p>The processor rejects, with a compile error naming the setting and its allowed range: a type name
 * not matching {@code [a-z][a-z0-9_-]{0,39}}, a type declared twice, and settings AWS cannot honour
 * (for example a timeout above Lambda's 15 minutes, or a FIFO batch above 10). Every setting except
 * {@link #type()} and {@link #fifo()} can be overridden per environment without a code change.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(java.lang.annotation.ElementType.TYPE)
public @interface Job {
    /** The job type name, used in envelopes and resource names: {@code [a-z][a-z0-9_-]{0,39}}. */
    String type();

    /** The priorities this type accepts; one queue each. Default {@code {NORMAL}}. */
    Priority[] priorities() default {Priority.NORMAL};

    /** Real attempts before a retryable failure dead-letters the job, 1 to 1000. Default 5. */
    int maxAttempts() default 5;

    /** Retry delays between attempts. */
    Backoff backoff() default @Backoff;

    /**
     * How often the type may run, in total or per value of a payload field; over a limit, a job is deferred
     * (not failed) to the moment its window opens. Default {@code @RateLimit}: no limit.
     */
    RateLimit rateLimit() default @RateLimit;

    /** Longest one attempt may run, ISO-8601, 1 second to 14 minutes 50 seconds. Default {@code PT30S}. */
    String timeout() default "PT30S";

    /** Lambda memory in MB, 128 to 10240. Default 512. */
    int memoryMb() default 512;

    /**
     * Reserved concurrency of the type's function, shared between its priority queues by weight.
     * At least 2 per priority (Lambda's smallest {@code MaximumConcurrency}). Default 10.
     */
    int concurrency() default 10;

    /** Messages per invocation: 1 to 10000 for standard queues, 1 to 10 for FIFO. Default 10. */
    int batchSize() default 10;

    /**
     * How long the poller gathers a batch, ISO-8601, 0 to 300 seconds; must be at least 1 second when
     * {@link #batchSize()} exceeds 10 and must be 0 for FIFO. Default {@code PT0S}.
     */
    String maxBatchingWindow() default "PT0S";

    /** FIFO queues: ordered per message group, exactly-once send deduplication. Default false. */
    boolean fifo() default false;

    /**
     * A recurring schedule that fires this type: an EventBridge Scheduler expression, {@code cron(0/15 * * * ? *)}
     * (six fields, day-of-week 1-7 = SUN-SAT, one of day-of-month and day-of-week {@code ?}) or
     * {@code rate(5 minutes)}. The CDK app creates it in the app's schedule group and sluice-local fires it;
     * each firing is a job of the type's default priority (normal if it takes it) whose id derives from the schedule and its time, so
     * a duplicate delivery of one firing runs once. A bad expression fails the build naming the field at fault.
     * Default {@code ""}: no schedule.
     */
    String schedule() default "";

    /** The IANA time zone {@link #schedule()}'s cron fields are read in, daylight-saving changes included. Default UTC. */
    String timezone() default "UTC";

    /** The payload, a JSON object, each scheduled firing carries. Default {@code {}}. */
    String schedulePayload() default "{}";

    /** One line for operators: what the job does. */
    String description() default "";

    /**
     * The payload's checks, run by the function and by the producer client (see {@link PayloadValidator}). Default:
     * the class {@code <Payload>Validator} beside a top-level payload class if there is one, else none (the
     * payload's own record checks and Jackson's binding still apply).
     */
    @SuppressWarnings("rawtypes")
    Class<? extends PayloadValidator> validator() default PayloadValidator.class;
}
