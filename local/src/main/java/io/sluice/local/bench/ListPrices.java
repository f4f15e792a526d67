package io.sluice.local.bench;

/**
 * What a million jobs cost on AWS list prices (us-east-1, on demand), as issue #16 priced them: DynamoDB $0.625 per
 * million write units; SQS $0.40 per million requests (a send, and a tenth of a receive and of a delete per job in
 * batches of 10); Lambda arm64 at 512 MB for 100 ms a job, invoked once per batch of 10 ($0.0000133334 per GB-second,
 * $0.20 per million requests). Only DynamoDB depends on the key design; the rest is the same for every job.
 */
final class ListPrices {
    static final double DYNAMODB_PER_MILLION_WRITE_UNITS = 0.625;
    static final double SQS_PER_MILLION_JOBS = 0.40 * (1 + 0.1 + 0.1);
    static final double LAMBDA_PER_MILLION_JOBS = 1_000_000 * 0.5 * 0.1 * 0.0000133334 + 0.20 / 10;
    static final double SQS_AND_LAMBDA_PER_MILLION_JOBS = SQS_PER_MILLION_JOBS + LAMBDA_PER_MILLION_JOBS;

    private ListPrices() {}

    /** Dollars per million jobs that cost {@code writeUnitsPerJob} write units each. */
    static double perMillionJobs(double writeUnitsPerJob) {
        return writeUnitsPerJob * DYNAMODB_PER_MILLION_WRITE_UNITS + SQS_AND_LAMBDA_PER_MILLION_JOBS;
    }
}
