package io.github.session4j.spring;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.logout.LogoutHandler;

/**
 * Spring Security's sign-out as session4j's: {@link io.github.session4j.SessionContext#signOut},
 * which ends the session and takes it out of its user's index, before Spring Security's own
 * handler invalidates the (already ended) {@code HttpSession} and clears the security context.
 */
final class SessionSignOutHandler implements LogoutHandler {

    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
        SecuritySignIns.context(request).ifPresent(context -> {
            if (context.principal().isPresent()) {
                context.signOut();
            }
        });
    }
}
