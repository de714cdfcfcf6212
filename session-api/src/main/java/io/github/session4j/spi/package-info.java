/**
 * The service provider interface for storage backends: {@link
 * io.github.session4j.spi.SessionInterfaceProvider} (found by ServiceLoader) creates a {@link
 * io.github.session4j.spi.SessionInterface}, which stores opaque records under hashed keys.
 *
 * <p>A backend loads, writes ({@link io.github.session4j.spi.SessionInterface#write}, one sealed
 * {@link io.github.session4j.spi.RecordWrite}: create, replace or append), deletes and touches
 * records. What more it can do is a capability, an interface of its own ({@link
 * io.github.session4j.spi.ExpirySweeper}, {@link io.github.session4j.spi.SessionCounter}, {@link
 * io.github.session4j.spi.RecordAppender}, {@link io.github.session4j.spi.RecordRevalidator}, or
 * one the core has never heard of), which its provider declares and which the core finds only
 * through {@link io.github.session4j.spi.SessionInterface#capability}, so that wrappers pass
 * capabilities through.
 *
 * <p>Why {@code SessionInterface} keeps its name, although it is a store rather than an interface
 * to sessions: it is the name of Flask-Session's class for the same job
 * ({@code flask_session.sessions.SessionInterface}, whose subclasses are Flask-Session's backends
 * and which {@code SESSION_TYPE} selects), and the project's brief asks for Flask-Session's names,
 * so that a Flask-Session user recognises the backend contract as readily as the settings.
 */
package io.github.session4j.spi;
