/**
 * The README's demo: a real receiver, a thousand webhook jobs through the real stack, and the tally that proves each one ended exactly once.
 */
package io.sluice.local.demo;
