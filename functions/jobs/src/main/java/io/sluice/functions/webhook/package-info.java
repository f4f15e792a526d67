/**
 * The {@code webhook} job type (module {@code functions/jobs}, the general-purpose job function): one {@code @Job} class calling an HTTP endpoint with a signed request, its payload, its validator and the address guard that keeps it off private networks.
 */
package io.sluice.functions.webhook;
