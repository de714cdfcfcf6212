/**
 * The service provider interface for storage backends: {@link
 * io.github.session4j.spi.SessionInterfaceProvider} (found by ServiceLoader) creates a {@link
 * io.github.session4j.spi.SessionInterface}, which stores opaque records under hashed keys.
 */
package io.github.session4j.spi;
