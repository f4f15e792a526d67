/**
 * Where the job types read their credentials: Secrets Manager in AWS, the environment in sluice-local, cached and refreshed behind one small interface.
 */
package io.sluice.functions.secrets;
