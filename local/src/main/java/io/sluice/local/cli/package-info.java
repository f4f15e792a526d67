/**
 * The {@code sluice-local} command line (picocli): {@code up}, {@code demo}, the operator verbs and the benchmarks, with the entry point {@code SluiceLocal}; every command is one file.
 */
package io.sluice.local.cli;
