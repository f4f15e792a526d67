/**
 * The producer client: {@code SluiceClient.enqueue} and {@code schedule} onto the right queue, one-time and recurring schedules through EventBridge Scheduler, with the payload checked before it leaves.
 */
package io.sluice.client;
