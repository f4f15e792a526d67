/**
 * The runtime's CloudWatch metrics through Powertools' EMF output: per batch, per type and priority, flushed once per invocation.
 */
package io.sluice.runtime.metrics;
