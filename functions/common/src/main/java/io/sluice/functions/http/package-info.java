/**
 * What the HTTP-calling job types share: reading a provider's {@code Retry-After} and telling a loopback host, so every type treats both the same.
 */
package io.sluice.functions.http;
