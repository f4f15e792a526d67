/**
 * The operator console: server-rendered pages on 127.0.0.1 over the operations library, behind the loopback guard; every action is one form that does what the CLI does.
 */
package io.sluice.console;
