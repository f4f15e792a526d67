/**
 * Test fixtures every module's tests share: an embedded ElasticMQ, moto's DynamoDB, a settable clock, a Lambda context, stdout capture.
 */
package io.sluice.testing;
