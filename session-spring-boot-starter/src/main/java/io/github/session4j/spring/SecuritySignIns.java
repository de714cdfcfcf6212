package io.github.session4j.spring;

import io.github.session4j.SessionContext;
import io.github.session4j.servlet.SessionFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.security.core.AuthenticatedPrincipal;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Spring Security's sign-in on a request's session4j session: {@link SessionContext#signIn} once
 * per request and principal, however many of Spring Security's hooks report the same sign-in.
 */
final class SecuritySignIns {

    /** The request attribute that records whom this request signed in already. */
    private static final String SIGNED_IN = SecuritySignIns.class.getName() + ".principal";

    private SecuritySignIns() {
    }

    /**
     * The name session4j records for one of Spring Security's principals, as
     * {@link Authentication#getName()} makes it.
     *
     * @param principal an {@link Authentication}, {@link UserDetails}, {@link AuthenticatedPrincipal},
     *     {@link java.security.Principal} or name
     * @return the name
     */
    static String name(Object principal) {
        if (principal instanceof Authentication authentication) {
            return authentication.getName();
        }
        if (principal instanceof UserDetails user) {
            return user.getUsername();
        }
        if (principal instanceof AuthenticatedPrincipal authenticated) {
            return authenticated.getName();
        }
        if (principal instanceof java.security.Principal named) {
            return named.getName();
        }
        return String.valueOf(principal);
    }

    /**
     * Signs {@code name} in to the request's session, unless this request did so already.
     *
     * @param request a request that passed through session4j's filter
     * @param name the principal's name
     * @throws IllegalStateException if the request did not pass through session4j's filter
     */
    static void signIn(HttpServletRequest request, String name) {
        if (name.equals(request.getAttribute(SIGNED_IN))) {
            return;
        }
        SessionFilter.context(request).signIn(name);
        request.setAttribute(SIGNED_IN, name);
    }

    /**
     * The request this thread is serving, when Spring's {@code RequestContextHolder} knows it (Spring
     * MVC's {@code RequestContextFilter} sets it, after session4j's filter and before Spring Security's).
     *
     * @return the request, or empty outside a request
     */
    static Optional<HttpServletRequest> currentRequest() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes instanceof ServletRequestAttributes servlet) {
            return Optional.of(servlet.getRequest());
        }
        return Optional.empty();
    }

    /**
     * The session4j session context of a request, if it passed through session4j's filter.
     *
     * @param request the request
     * @return the context, or empty
     */
    static Optional<SessionContext> context(HttpServletRequest request) {
        try {
            return Optional.of(SessionFilter.context(request));
        } catch (IllegalStateException notFiltered) {
            return Optional.empty();
        }
    }
}
