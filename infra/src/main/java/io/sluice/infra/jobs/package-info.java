/**
 * Per job type: its queues and dead-letter queues (one pair per priority), its Lambda function and the function's environment, and the event source mappings between them.
 */
package io.sluice.infra.jobs;
