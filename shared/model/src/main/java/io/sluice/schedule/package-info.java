/**
 * Schedule expressions as EventBridge Scheduler reads them ({@code cron()}, {@code rate()}, {@code at()}), parsed and evaluated with an injected clock.
 */
package io.sluice.schedule;
