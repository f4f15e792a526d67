/**
 * Per-type rate limits on DynamoDB: windows per hour and day, a minimum interval, keyed by a payload field, taken in one transaction before a job is claimed.
 */
package io.sluice.runtime.limit;
