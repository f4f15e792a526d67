/**
 * The Jobs API served on 127.0.0.1 by {@code up}, behind the same loopback guard as the console (Host, Origin, token, JSON-only writes).
 */
package io.sluice.local.api;
