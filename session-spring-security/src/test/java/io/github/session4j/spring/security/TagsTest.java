package io.github.session4j.spring.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.codec.ValueType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The tags are written into every stored record: renaming one makes every stored session that
 * holds it unreadable. They are pinned here, with the class each stands for.
 */
class TagsTest {

    @Test
    void theTagsAreStable() {
        Map<String, String> tags = new LinkedHashMap<>();
        for (ValueType<?> type : SpringSecurityValueTypes.all()) {
            tags.put(type.tag(), type.type().getName());
        }

        assertThat(tags).containsExactly(
                Map.entry("spring-security:context", "org.springframework.security.core.context.SecurityContextImpl"),
                Map.entry("spring-security:username-password",
                        "org.springframework.security.authentication.UsernamePasswordAuthenticationToken"),
                Map.entry("spring-security:remember-me",
                        "org.springframework.security.authentication.RememberMeAuthenticationToken"),
                Map.entry("spring-security:anonymous",
                        "org.springframework.security.authentication.AnonymousAuthenticationToken"),
                Map.entry("spring-security:pre-authenticated",
                        "org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken"),
                Map.entry("spring-security:user", "org.springframework.security.core.userdetails.User"),
                Map.entry("spring-security:authority", "org.springframework.security.core.authority.SimpleGrantedAuthority"),
                Map.entry("spring-security:factor-authority",
                        "org.springframework.security.core.authority.FactorGrantedAuthority"),
                Map.entry("spring-security:csrf-token", "org.springframework.security.web.csrf.DefaultCsrfToken"),
                Map.entry("spring-security:bad-credentials",
                        "org.springframework.security.authentication.BadCredentialsException"),
                Map.entry("spring-security:locked", "org.springframework.security.authentication.LockedException"),
                Map.entry("spring-security:disabled", "org.springframework.security.authentication.DisabledException"),
                Map.entry("spring-security:account-expired",
                        "org.springframework.security.authentication.AccountExpiredException"),
                Map.entry("spring-security:credentials-expired",
                        "org.springframework.security.authentication.CredentialsExpiredException"),
                Map.entry("spring-security:username-not-found",
                        "org.springframework.security.core.userdetails.UsernameNotFoundException"),
                Map.entry("spring-security:internal-authentication-service",
                        "org.springframework.security.authentication.InternalAuthenticationServiceException"),
                Map.entry("spring-security:authentication-service",
                        "org.springframework.security.authentication.AuthenticationServiceException"),
                Map.entry("spring-security:insufficient-authentication",
                        "org.springframework.security.authentication.InsufficientAuthenticationException"),
                Map.entry("spring-security:credentials-not-found",
                        "org.springframework.security.authentication.AuthenticationCredentialsNotFoundException"),
                Map.entry("spring-security:provider-not-found",
                        "org.springframework.security.authentication.ProviderNotFoundException"),
                Map.entry("spring-security:session-authentication",
                        "org.springframework.security.web.authentication.session.SessionAuthenticationException"),
                Map.entry("spring-security:web-details",
                        "org.springframework.security.web.authentication.WebAuthenticationDetails"),
                Map.entry("spring-security:saved-request",
                        "org.springframework.security.web.savedrequest.DefaultSavedRequest"),
                Map.entry("spring-security:oauth2-token",
                        "org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken"),
                Map.entry("spring-security:oidc-user", "org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser"),
                Map.entry("spring-security:oauth2-user", "org.springframework.security.oauth2.core.user.DefaultOAuth2User"),
                Map.entry("spring-security:oidc-user-authority",
                        "org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority"),
                Map.entry("spring-security:oauth2-user-authority",
                        "org.springframework.security.oauth2.core.user.OAuth2UserAuthority"),
                Map.entry("spring-security:oauth2-authorization-request",
                        "org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest"),
                Map.entry("spring-security:oauth2-authorized-client",
                        "org.springframework.security.oauth2.client.OAuth2AuthorizedClient"),
                Map.entry("spring-security:oauth2-authentication-exception",
                        "org.springframework.security.oauth2.core.OAuth2AuthenticationException"));
        assertThat(tags.keySet()).allMatch(tag -> tag.startsWith(SpringSecurityValueTypes.TAG_PREFIX));
    }

    @Test
    void eachCallGivesRegistrationsThatAManagerAcceptsTogether() {
        // one manager takes the whole list (no tag or class twice); a second call is independent
        assertThat(SpringSecurityValueTypes.all()).hasSameSizeAs(SpringSecurityValueTypes.all(getClass().getClassLoader()))
                .doesNotContainAnyElementsOf(SpringSecurityValueTypes.all());
    }
}
