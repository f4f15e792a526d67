/**
 * The emulators sluice-local runs in-process: ElasticMQ for SQS and Sluice's EventBridge Scheduler emulator (its engine composed with its HTTP API).
 */
package io.sluice.local.emulator;
