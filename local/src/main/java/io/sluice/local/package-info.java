/**
 * sluice-local's composition: the options it runs with, the runtime that starts the emulators and the job functions on one machine, the endpoints and state file the CLI and console read, and the queue provisioning from the catalogue.
 */
package io.sluice.local;
