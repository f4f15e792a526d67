package io.sluice.topology;

import io.sluice.catalogue.Catalogue;
import io.sluice.catalogue.JobDefinition;
import io.sluice.job.Priority;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The AWS shape derived from the job catalogue: per job type a function and, per priority, a queue, a
 * dead-letter queue and an event source mapping. This is the one place those rules live; sluice-local
 * creates its queues from it and the CDK app builds its constructs from it, so the two cannot drift.
 *
 * <p>Names: {@code <app>-<type>-<priority>} and {@code <app>-<type>-<priority>-dlq}, with {@code .fifo}
 * appended for FIFO types; functions are {@code <app>-<type>}.
 */
public record Topology(String app, List<JobTopology> jobs) {
    /** Default application name, the prefix of every resource. */
    public static final String DEFAULT_APP = "sluice";
    /** App names: short enough that every queue name stays within SQS's 80 characters. */
    public static final Pattern APP_NAME = Pattern.compile("[a-z][a-z0-9-]{0,19}");
    /**
     * Receives allowed beyond max attempts before SQS's redrive policy moves a message to the DLQ. The runtime
     * dead-letters at max attempts itself (with the reason), counting real attempts in job history; receives
     * that are not attempts (throttling, a postponed duplicate, a FIFO deferral, a message returned under the
     * deadline) must not push a live job into the DLQ behind history's back. AWS recommends at least 5.
     */
    public static final int RECEIVE_HEADROOM = 10;
    /**
     * The redrive policy's receive count: max attempts plus {@link #RECEIVE_HEADROOM}. FIFO queues get more: a
     * message behind a failing one in its group is returned, held, once per failed attempt of each message ahead
     * of it in the batch, and a rate-limited FIFO job waits in place; so up to {@code maxAttempts × batchSize}
     * receives can pass without this message's own attempt (SQS caps the count at 1000).
     */
    public static int maxReceiveCount(JobDefinition d) {
        int receives =
                d.fifo() ? d.maxAttempts() * d.batchSize() + RECEIVE_HEADROOM : d.maxAttempts() + RECEIVE_HEADROOM;
        return Math.min(1000, receives);
    }

    /** DLQ retention: the SQS maximum, so an operator has two weeks to look. */
    public static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(14);
    /** Added to the batch's worst-case run time for init, SQS calls and the response. */
    static final Duration FUNCTION_MARGIN = Duration.ofSeconds(5);

    static final Duration LAMBDA_MAX_TIMEOUT = Duration.ofMinutes(15);

    public Topology {
        if (app == null || !APP_NAME.matcher(app).matches()) {
            throw new IllegalArgumentException("app name '" + app + "' must match [a-z][a-z0-9-]{0,19}");
        }
        jobs = List.copyOf(jobs);
    }

    /** Derives the topology of every type in a catalogue. */
    public static Topology derive(String app, Catalogue catalogue) {
        List<JobTopology> jobs = new ArrayList<>();
        for (JobDefinition d : catalogue.definitions()) {
            jobs.add(derive(app, d.validated()));
        }
        jobs.sort(Comparator.comparing(JobTopology::type));
        return new Topology(app, jobs);
    }

    /** The DynamoDB tables the runtime uses: job history and idempotency, and rate-limit counters. */
    public List<TableSpec> tables() {
        return List.of(JobsTable.spec(app), RateLimitTable.spec(app));
    }

    public JobTopology job(String type) {
        return jobs.stream()
                .filter(j -> j.type().equals(type))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no job type '" + type + "' in the topology"));
    }

    static JobTopology derive(String app, JobDefinition d) {
        Duration functionTimeout = functionTimeout(d);
        Duration visibility = functionTimeout.multipliedBy(6).plus(d.maxBatchingWindow());
        int[] shares = concurrencyShares(d.concurrency(), d.priorities());
        List<QueueSpec> queues = new ArrayList<>();
        for (int i = 0; i < d.priorities().size(); i++) {
            Priority p = d.priorities().get(i);
            String base = app + "-" + d.type() + "-" + p.wireName();
            String suffix = d.fifo() ? ".fifo" : "";
            queues.add(new QueueSpec(
                    p,
                    base + suffix,
                    base + "-dlq" + suffix,
                    d.fifo(),
                    visibility,
                    maxReceiveCount(d),
                    DEAD_LETTER_RETENTION,
                    new EventSourceMappingSpec(d.batchSize(), d.maxBatchingWindow(), shares[i])));
        }
        queues.sort(Comparator.comparing(QueueSpec::priority));
        return new JobTopology(
                d, new FunctionSpec(app + "-" + d.type(), d.memoryMb(), functionTimeout, d.concurrency()), queues);
    }

    /**
     * Enough time for a full batch: standard batches run {@code parallelism} messages at once; a FIFO batch
     * may be one message group, which runs in order, so it needs a job timeout per message. Rounded up to whole
     * seconds, the only unit Lambda accepts, so the queue's visibility is derived from the timeout Lambda applies.
     */
    static Duration functionTimeout(JobDefinition d) {
        int rounds = d.fifo() ? d.batchSize() : (d.batchSize() + d.parallelism() - 1) / d.parallelism();
        Duration needed = d.timeout().multipliedBy(rounds).plus(FUNCTION_MARGIN);
        if (needed.getNano() > 0) {
            needed = Duration.ofSeconds(needed.getSeconds() + 1);
        }
        return needed.compareTo(LAMBDA_MAX_TIMEOUT) > 0 ? LAMBDA_MAX_TIMEOUT : needed;
    }

    /**
     * Splits reserved concurrency between priority queues: 2 each (Lambda's minimum MaximumConcurrency),
     * then the rest by weight (high 3, normal 2, low 1) with largest remainders, so the shares add up to
     * exactly the reserved concurrency and never more.
     */
    static int[] concurrencyShares(int concurrency, List<Priority> priorities) {
        int n = priorities.size();
        int[] shares = new int[n];
        int rest = concurrency - 2 * n;
        if (rest < 0) {
            throw new IllegalArgumentException(
                    "concurrency " + concurrency + " is below 2 per priority (" + 2 * n + ")");
        }
        int totalWeight = priorities.stream().mapToInt(Priority::weight).sum();
        double[] remainders = new double[n];
        int given = 0;
        for (int i = 0; i < n; i++) {
            double exact = (double) rest * priorities.get(i).weight() / totalWeight;
            shares[i] = 2 + (int) Math.floor(exact);
            remainders[i] = exact - Math.floor(exact);
            given += (int) Math.floor(exact);
        }
        for (int left = rest - given; left > 0; left--) {
            int best = 0;
            for (int i = 1; i < n; i++) {
                if (remainders[i] > remainders[best]) {
                    best = i;
                }
            }
            shares[best]++;
            remainders[best] = -1;
        }
        for (int i = 0; i < n; i++) {
            shares[i] = Math.min(shares[i], 1000);
        }
        return shares;
    }
}
