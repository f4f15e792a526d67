/**
 * Grants for producers: the least IAM a service needs to enqueue jobs of given types, as a construct, never hand-written policy JSON.
 */
package io.sluice.infra.access;
