package io.sluice.topology;

import java.time.Duration;

/**
 * The Lambda function of one job type.
 *
 * @param timeout the function timeout: long enough for every message of a full batch to run its whole job
 *     timeout at the configured parallelism (plus a margin), capped at Lambda's 15 minutes; the runtime's
 *     deadline rule returns messages it cannot finish
 * @param reservedConcurrency the type's concurrency, split between its queues' event source mappings
 */
public record FunctionSpec(String name, int memoryMb, Duration timeout, int reservedConcurrency) {}
