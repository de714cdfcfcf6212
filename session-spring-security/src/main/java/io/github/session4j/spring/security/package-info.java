/**
 * Session value types for the objects Spring Security 7 keeps in the session, written with Spring
 * Security's own Jackson 3 support and its class allowlist, never with Java serialization: see
 * {@link io.github.session4j.spring.security.SpringSecurityValueTypes}.
 */
package io.github.session4j.spring.security;
