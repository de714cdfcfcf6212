package io.github.session4j.spring;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;

/**
 * Spring Security's sign-in as session4j's: {@link io.github.session4j.SessionContext#signIn} with
 * the {@link Authentication}'s name, so that the session gets a new ID, records who signed in
 * and when (the absolute lifetime counts from here), loses the data of another user who held it,
 * and is indexed under the user (for {@code maximumSessions} and the {@code sessions} endpoint).
 * Runs after Spring Security's concurrent session control, so that a sign-in it refuses changes nothing.
 */
final class SessionSignInStrategy implements SessionAuthenticationStrategy {

    @Override
    public void onAuthentication(Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
        SecuritySignIns.signIn(request, authentication.getName());
    }
}
