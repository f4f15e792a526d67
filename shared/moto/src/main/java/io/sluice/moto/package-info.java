/**
 * Sluice's local DynamoDB: moto's server started as a child process, its tables, and the request counting and outage proxy the tests and benchmarks use.
 */
package io.sluice.moto;
