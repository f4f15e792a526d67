/**
 * The JSON-lines SLF4J binding of every Sluice Lambda: one JSON object per line with the job's MDC (job id, type, priority, attempt), readable by CloudWatch Logs Insights.
 */
package io.sluice.logging;
