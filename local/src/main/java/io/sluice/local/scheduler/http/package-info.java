/**
 * The Scheduler emulator's HTTP face: EventBridge Scheduler's REST API, one action per operation, with AWS's request shapes and errors.
 */
package io.sluice.local.scheduler.http;
