package io.sluice.topology;

import java.time.Duration;

/**
 * The settings of the event source mapping that feeds one queue to its function. Partial batch responses
 * ({@code ReportBatchItemFailures}) are always on: the runtime depends on them.
 *
 * @param maximumConcurrency the queue's share of the function's reserved concurrency, weighted by
 *     priority; at least 2 (Lambda's minimum), and the shares of a type never add up to more than its
 *     reserved concurrency, so the poller is never throttled by its own function
 */
public record EventSourceMappingSpec(int batchSize, Duration maxBatchingWindow, int maximumConcurrency) {}
