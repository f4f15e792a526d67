/**
 * Names and shapes derived from the catalogue that every side must agree on: queue and table names, redrive thresholds, metric names, and the {@code SLUICE_*} environment contract.
 */
package io.sluice.topology;
