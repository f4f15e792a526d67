/**
 * The CDK construct library: {@code Sluice}, one construct usable inside any stack, with typed props builders, and the bundled app that deploys it; everything it creates is derived from the job catalogue.
 */
package io.sluice.infra;
