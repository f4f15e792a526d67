/**
 * The Scheduler emulator's engine: the schedule registry, its journal on disk, the due-time index and the workers that fire schedules onto SQS.
 */
package io.sluice.local.scheduler;
