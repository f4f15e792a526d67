/**
 * What a job author compiles against: {@code @Job}, {@code JobHandler}, {@code JobContext}, {@code JobResult} and the failures a handler throws; no AWS SDK, no Jackson.
 */
package io.sluice.job;
