/**
 * The loopback-only HTTP server every local API builds on (JDK HttpServer, keep-alive, no wildcard bind).
 */
package io.sluice.local.http;
