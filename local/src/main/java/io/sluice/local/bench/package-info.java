/**
 * The benchmarks {@code sluice-local bench ...} runs against the real emulators; each prints its figures and the goal it is held to.
 */
package io.sluice.local.bench;
