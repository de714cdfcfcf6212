/**
 * The in-process {@code memory} backend, the reference implementation of the backend contract.
 */
package io.github.session4j.memory;
