/**
 * The {@code discord} job type: one {@code @Job} class posting a message to a Discord webhook, its payload and its validator.
 */
package io.sluice.functions.discord;
