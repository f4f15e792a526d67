/**
 * The {@code email} job type: one {@code @Job} class sending a message through the configured provider, its payload and its validator.
 */
package io.sluice.functions.email;
