/**
 * The wire format: the job envelope, its strict parser, the dead-letter reasons and the SQS message attributes Sluice writes beside the body.
 */
package io.sluice.envelope;
