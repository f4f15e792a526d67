package io.sluice.ops;

/**
 * The old systems' "workers" view of one job type: its function's executions over the status window, as CloudWatch
 * counts them on AWS (namespace {@code AWS/Lambda}, dimension {@code FunctionName}) and as sluice-local's
 * CloudWatch API reports its pollers. {@code null} figures mean no data (no datapoint in the window, or metrics
 * unreadable; {@code metricsError} then says why).
 *
 * @param reservedConcurrency the catalogue's concurrency, which the stack reserves for the function
 * @param maxConcurrentExecutions the most executions at once in the window (sluice-local: busy pollers now)
 */
public record WorkerStatus(
        String function,
        int reservedConcurrency,
        Double maxConcurrentExecutions,
        Long invocations,
        Long errors,
        Long throttles,
        String metricsError) {}
