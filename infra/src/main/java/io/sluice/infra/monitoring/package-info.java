/**
 * The CloudWatch side: per-type alarms and the dashboard, from the metrics the runtime publishes.
 */
package io.sluice.infra.monitoring;
