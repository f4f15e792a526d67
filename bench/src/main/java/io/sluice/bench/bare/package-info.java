/**
 * The cold-start benchmark's floor: a bare SQS handler with no Sluice runtime (no retries, limits, metrics or validation), packaged alone so {@code bench coldstart} measures what Sluice itself costs a cold start.
 */
package io.sluice.bench.bare;
