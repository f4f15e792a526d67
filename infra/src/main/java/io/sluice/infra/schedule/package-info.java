/**
 * EventBridge Scheduler: the schedule group and role for the catalogue's cron jobs and the producer client's one-time schedules.
 */
package io.sluice.infra.schedule;
