package io.github.session4j.spring;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.LogoutConfigurer;
import org.springframework.security.config.annotation.web.configurers.SessionManagementConfigurer;

/**
 * Adds session4j's sign-in ({@link SessionSignInStrategy}) and sign-out
 * ({@link SessionSignOutHandler}) to a Spring Security filter chain. Applied to every
 * {@code HttpSecurity} by {@link Session4jSecurityAutoConfiguration}; its {@code init} runs after
 * the session management's, so the sign-in comes after the concurrent session control (a refused
 * sign-in signs nobody in) and the session fixation strategy, and before the security context is
 * saved in the session.
 */
final class Session4jSecurityConfigurer extends AbstractHttpConfigurer<Session4jSecurityConfigurer, HttpSecurity> {

    @Override
    @SuppressWarnings("unchecked")
    public void init(HttpSecurity http) {
        SessionManagementConfigurer<HttpSecurity> sessions = http.getConfigurer(SessionManagementConfigurer.class);
        if (sessions != null) {
            sessions.addSessionAuthenticationStrategy(new SessionSignInStrategy());
        }
        LogoutConfigurer<HttpSecurity> logout = http.getConfigurer(LogoutConfigurer.class);
        if (logout != null) {
            logout.addLogoutHandler(new SessionSignOutHandler());
        }
    }
}
