/**
 * Spring Boot auto-configuration of session4j: add {@code session-spring-boot-starter} and one
 * backend jar, set {@code session.type}, and {@code request.getSession()} keeps its data in the
 * store. See {@link io.github.session4j.spring.Session4jAutoConfiguration}.
 */
package io.github.session4j.spring;
