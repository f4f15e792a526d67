/**
 * Operations: status, dead letters (list, redrive, discard), pause and resume, job search, cancel; the CLI, the Jobs API and the console all act through {@code SluiceOperations}.
 */
package io.sluice.ops;
