/**
 * A thread-safe lazily computed value, so Lambda initialisation builds only what a path needs.
 */
package io.sluice.lazy;
