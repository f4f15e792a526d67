package io.sluice.job;

/**
 * Custom metrics a handler records while it runs; Sluice publishes them with the job type as dimension
 * and flushes once per batch. Names are CloudWatch metric names, such as {@code BytesSent}.
 */
public interface JobMetrics {
    /** Adds {@code value} to a count metric. */
    void count(String name, double value);

    /** Records a value in milliseconds. */
    void milliseconds(String name, double value);

    /** Metrics that go nowhere, for tests and tools. */
    JobMetrics NONE = new JobMetrics() {
        @Override
        public void count(String name, double value) {}

        @Override
        public void milliseconds(String name, double value) {}
    };
}
