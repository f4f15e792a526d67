/**
 * The job catalogue: every {@code @Job}'s definition as the annotation processor wrote it, the overrides an environment applies, and the retry and rate-limit policies they carry.
 */
package io.sluice.catalogue;
