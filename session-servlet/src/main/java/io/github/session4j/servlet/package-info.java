/**
 * A Jakarta Servlet 6 filter that backs {@code request.getSession()} with the configured session
 * store: see {@link io.github.session4j.servlet.SessionFilter}.
 */
package io.github.session4j.servlet;
