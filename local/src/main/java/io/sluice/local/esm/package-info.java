/**
 * Lambda's event source mapping, emulated: polling each queue, building SQS events as Lambda does, invoking the job function with a Lambda context, and deleting what the partial batch response does not name.
 */
package io.sluice.local.esm;
