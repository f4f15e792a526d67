/**
 * Job history and idempotency on DynamoDB: the {@code JobStore} the runtime claims and completes jobs through, and the history queries, search, cancel and discard records the operator side reads and writes.
 */
package io.sluice.store;
