/**
 * The child side of {@code bench coldstart}: the launcher a fresh JVM runs to construct a handler and feed it batches, and the Lambda {@code Context} it hands in.
 */
package io.sluice.bench.launcher;
