/**
 * The Jobs HTTP API over the operations library: its routes, its Lambda entry point for API Gateway, and the loopback guard the local server and the console share.
 */
package io.sluice.ops.http;
