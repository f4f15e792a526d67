/**
 * The {@code tweet} job type: one {@code @Job} class posting to X with OAuth 1.0a signing, its payload and its validator.
 */
package io.sluice.functions.tweet;
