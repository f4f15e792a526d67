/**
 * The Jobs HTTP API on AWS: API Gateway routes over the Jobs API's Lambda, and the operator access that may call them.
 */
package io.sluice.infra.api;
