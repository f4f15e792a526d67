/**
 * The annotation processor that writes the job catalogue from every {@code @Job} at compile time, so nothing scans the classpath at cold start.
 */
package io.sluice.processor;
