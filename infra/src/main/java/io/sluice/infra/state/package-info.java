/**
 * The DynamoDB tables of job history, idempotency and rate-limit counters, with their keys, indexes and TTL.
 */
package io.sluice.infra.state;
