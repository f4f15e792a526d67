/**
 * A minimal Lambda API on loopback (Invoke, event source mappings), so operator tools act on local functions as on AWS.
 */
package io.sluice.local.esm.http;
