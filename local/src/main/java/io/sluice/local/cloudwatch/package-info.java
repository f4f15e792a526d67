/**
 * A minimal CloudWatch API on loopback, so the runtime's metrics and the operator's status read the same way locally as on AWS.
 */
package io.sluice.local.cloudwatch;
