package io.github.session4j.spring.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import io.github.session4j.SessionEncodingException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.security.authentication.AccountExpiredException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.CredentialsExpiredException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ProviderNotFoundException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.web.authentication.session.SessionAuthenticationException;

import jakarta.servlet.http.Cookie;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.RememberMeAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;
import org.springframework.security.oauth2.core.user.OAuth2UserAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.security.web.authentication.switchuser.SwitchUserFilter;
import org.springframework.security.web.authentication.switchuser.SwitchUserGrantedAuthority;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.springframework.security.web.savedrequest.DefaultSavedRequest;

/**
 * Each object Spring Security keeps in the session, put and committed by one manager and loaded by
 * a fresh manager over the same store: equal, and of the same class.
 */
class SpringSecurityRoundTripTest {

    @TempDir
    Path dir;

    private Object roundTrip(Object value) {
        Object loaded = new SharedStore(dir).roundTrip("value", value);
        assertThat(loaded).isNotSameAs(value).hasSameClassAs(value);
        return loaded;
    }

    private static void assertEqualRoundTrip(Object value, Object loaded) {
        assertThat(loaded).isEqualTo(value).hasSameClassAs(value);
    }

    // form login: the principal is the User, the credentials erased, the details those of the request
    private static UsernamePasswordAuthenticationToken formLogin() {
        User user = (User) User.withUsername("ada").password("{noop}ada-lovelace-1815").roles("USER", "ADMIN").build();
        List<GrantedAuthority> authorities = List.of(new SimpleGrantedAuthority("ROLE_USER"),
                new SimpleGrantedAuthority("ROLE_ADMIN"),
                FactorGrantedAuthority.withAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY)
                        .issuedAt(Instant.parse("2026-12-08T01:02:03.456789123Z")).build());
        UsernamePasswordAuthenticationToken token = UsernamePasswordAuthenticationToken.authenticated(user,
                "ada-lovelace-1815", authorities);
        token.setDetails(new WebAuthenticationDetails("203.0.113.7", null));
        token.eraseCredentials();
        return token;
    }

    @Test
    void securityContextOfAFormLogin() {
        SecurityContextImpl context = new SecurityContextImpl(formLogin());

        SecurityContextImpl loaded = (SecurityContextImpl) roundTrip(context);

        assertEqualRoundTrip(context, loaded);
        assertEqualRoundTrip(context.getAuthentication(), loaded.getAuthentication());
        assertThat(loaded.getAuthentication().isAuthenticated()).isTrue();
        assertThat(loaded.getAuthentication().getCredentials()).isNull();
        User user = (User) loaded.getAuthentication().getPrincipal();
        assertThat(user.getUsername()).isEqualTo("ada");
        assertThat(user.getPassword()).isNull();
        assertThat(user.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder("ROLE_USER", "ROLE_ADMIN");
        assertThat(loaded.getAuthentication().getAuthorities()).hasSize(3)
                .anySatisfy(a -> assertThat(a).isInstanceOf(FactorGrantedAuthority.class)
                        .isEqualTo(formLogin().getAuthorities().stream()
                                .filter(FactorGrantedAuthority.class::isInstance).findFirst().orElseThrow()));
    }

    @Test
    void securityContextOfHttpBasicWithAStringPrincipal() {
        // HTTP basic authenticates through the same provider as form login; here with a plain name
        UsernamePasswordAuthenticationToken token = UsernamePasswordAuthenticationToken.authenticated("grace",
                null, AuthorityUtils.createAuthorityList("ROLE_API"));
        token.setDetails(new WebAuthenticationDetails("198.51.100.2", null));
        SecurityContextImpl context = new SecurityContextImpl(token);

        assertEqualRoundTrip(context, roundTrip(context));
    }

    @Test
    void securityContextOfASwitchedUser() {
        // SwitchUserFilter keeps the administrator's own authentication inside an authority
        UsernamePasswordAuthenticationToken admin = formLogin();
        UsernamePasswordAuthenticationToken switched = UsernamePasswordAuthenticationToken.authenticated("grace", null,
                List.of(new SimpleGrantedAuthority("ROLE_USER"),
                        new SwitchUserGrantedAuthority(SwitchUserFilter.ROLE_PREVIOUS_ADMINISTRATOR, admin)));
        SecurityContextImpl context = new SecurityContextImpl(switched);

        SecurityContextImpl loaded = (SecurityContextImpl) roundTrip(context);

        assertEqualRoundTrip(context, loaded);
        assertThat(loaded.getAuthentication().getAuthorities()).filteredOn(SwitchUserGrantedAuthority.class::isInstance)
                .singleElement().satisfies(a -> assertEqualRoundTrip(admin, ((SwitchUserGrantedAuthority) a).getSource()));
    }

    @Test
    void anEmptySecurityContext() {
        SecurityContextImpl context = new SecurityContextImpl();

        assertEqualRoundTrip(context, roundTrip(context));
    }

    @Test
    void usernamePasswordTokenUnauthenticated() {
        UsernamePasswordAuthenticationToken token = UsernamePasswordAuthenticationToken.unauthenticated("ada", "secret");

        UsernamePasswordAuthenticationToken loaded = (UsernamePasswordAuthenticationToken) roundTrip(token);

        assertEqualRoundTrip(token, loaded);
        assertThat(loaded.isAuthenticated()).isFalse();
    }

    @Test
    void rememberMeToken() {
        User user = (User) User.withUsername("ada").password("x").roles("USER").build();
        user.eraseCredentials();
        RememberMeAuthenticationToken token = new RememberMeAuthenticationToken("remember-me-key", user,
                AuthorityUtils.createAuthorityList("ROLE_USER"));
        token.setDetails(new WebAuthenticationDetails("203.0.113.7", null));

        SecurityContextImpl context = (SecurityContextImpl) roundTrip(new SecurityContextImpl(token));
        RememberMeAuthenticationToken loaded = (RememberMeAuthenticationToken) context.getAuthentication();

        assertEqualRoundTrip(token, loaded);
        assertThat(loaded.getKeyHash()).isEqualTo("remember-me-key".hashCode());
        assertEqualRoundTrip(token, roundTrip(token));
    }

    @Test
    void anonymousToken() {
        AnonymousAuthenticationToken token = new AnonymousAuthenticationToken("anonymous-key", "anonymousUser",
                AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
        token.setDetails(new WebAuthenticationDetails("203.0.113.7", null));

        assertEqualRoundTrip(token, roundTrip(token));
        SecurityContextImpl context = new SecurityContextImpl(token);
        assertEqualRoundTrip(context, roundTrip(context));
    }

    @Test
    void preAuthenticatedToken() {
        PreAuthenticatedAuthenticationToken token = new PreAuthenticatedAuthenticationToken("CN=ada", "N/A",
                AuthorityUtils.createAuthorityList("ROLE_USER"));

        assertEqualRoundTrip(token, roundTrip(token));
    }

    @Test
    void user() {
        User user = (User) User.withUsername("ada").password("{bcrypt}$2a$10$hash").roles("USER")
                .accountLocked(true).credentialsExpired(false).build();

        User loaded = (User) roundTrip(user);

        assertEqualRoundTrip(user, loaded);
        assertThat(loaded.getPassword()).isEqualTo("{bcrypt}$2a$10$hash");
        assertThat(loaded.isAccountNonLocked()).isFalse();
        assertThat(loaded.getAuthorities()).isEqualTo(user.getAuthorities());
    }

    @Test
    void authorities() {
        SimpleGrantedAuthority simple = new SimpleGrantedAuthority("ROLE_USER");
        FactorGrantedAuthority factor = FactorGrantedAuthority.withFactor("ott")
                .issuedAt(Instant.parse("2026-12-08T01:02:03Z")).build();

        assertEqualRoundTrip(simple, roundTrip(simple));
        FactorGrantedAuthority loaded = (FactorGrantedAuthority) roundTrip(factor);
        assertEqualRoundTrip(factor, loaded);
        assertThat(loaded.getIssuedAt()).isEqualTo(factor.getIssuedAt());
    }

    @Test
    void webAuthenticationDetailsOfARequest() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/login");
        request.setRemoteAddr("203.0.113.7");
        request.getSession(true);
        WebAuthenticationDetails details = new WebAuthenticationDetails(request);

        WebAuthenticationDetails loaded = (WebAuthenticationDetails) roundTrip(details);

        assertEqualRoundTrip(details, loaded);
        assertThat(loaded.getRemoteAddress()).isEqualTo("203.0.113.7");
        assertThat(loaded.getSessionId()).isEqualTo(details.getSessionId()).isNotNull();
    }

    @Test
    void csrfToken() {
        DefaultCsrfToken token = new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", UUID.randomUUID().toString());

        DefaultCsrfToken loaded = (DefaultCsrfToken) roundTrip(token);

        // DefaultCsrfToken has no equals: compare what it holds
        assertThat(loaded.getHeaderName()).isEqualTo(token.getHeaderName());
        assertThat(loaded.getParameterName()).isEqualTo(token.getParameterName());
        assertThat(loaded.getToken()).isEqualTo(token.getToken());
    }

    @Test
    void savedRequestOfARequest() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/cart/items");
        request.setScheme("https");
        request.setServerName("shop.example");
        request.setServerPort(8443);
        request.setQueryString("page=2&sort=name");
        request.addParameter("page", "2");
        request.addParameter("sort", "name", "price");
        request.addHeader("Accept", "text/html");
        request.addHeader("Accept-Language", "fr-CH, en;q=0.8");
        request.addPreferredLocale(Locale.forLanguageTag("fr-CH"));
        request.setCookies(new Cookie("theme", "dark"));
        DefaultSavedRequest saved = new DefaultSavedRequest(request, "continue");

        DefaultSavedRequest loaded = (DefaultSavedRequest) roundTrip(saved);

        // DefaultSavedRequest has no equals: compare what it holds
        assertThat(loaded.getRedirectUrl()).isEqualTo(saved.getRedirectUrl())
                .isEqualTo("https://shop.example:8443/cart/items?page=2&sort=name&continue");
        assertThat(loaded.getMethod()).isEqualTo("GET");
        assertThat(loaded.getRequestURI()).isEqualTo(saved.getRequestURI());
        assertThat(loaded.getRequestURL()).isEqualTo(saved.getRequestURL());
        assertThat(loaded.getServerPort()).isEqualTo(8443);
        assertThat(loaded.getHeaderNames()).containsExactlyInAnyOrderElementsOf(saved.getHeaderNames());
        assertThat(loaded.getHeaderValues("Accept")).isEqualTo(List.of("text/html"));
        assertThat(loaded.getParameterMap()).containsOnlyKeys("page", "sort");
        assertThat(loaded.getParameterValues("sort")).containsExactly("name", "price");
        assertThat(loaded.getLocales()).isEqualTo(saved.getLocales());
        assertThat(loaded.getCookies()).singleElement()
                .satisfies(c -> assertThat(c.getName() + "=" + c.getValue()).isEqualTo("theme=dark"));
    }

    @Test
    void oidcLoginToken() {
        Instant issued = Instant.parse("2026-12-08T01:00:00Z");
        OidcIdToken idToken = OidcIdToken.withTokenValue("id-token-value").issuer("https://accounts.example")
                .subject("248289761001").audience(new ArrayList<>(List.of("client-id"))).issuedAt(issued)
                .expiresAt(issued.plus(1, ChronoUnit.HOURS)).claim("email", "ada@example.com").build();
        OidcUserInfo userInfo = OidcUserInfo.builder().subject("248289761001").name("Ada Lovelace").build();
        List<GrantedAuthority> authorities = List.of(new OidcUserAuthority(idToken, userInfo),
                new SimpleGrantedAuthority("SCOPE_openid"));
        DefaultOidcUser user = new DefaultOidcUser(authorities, idToken, userInfo, "sub");
        OAuth2AuthenticationToken token = new OAuth2AuthenticationToken(user, authorities, "example");
        token.setDetails(new WebAuthenticationDetails("203.0.113.7", null));
        SecurityContextImpl context = new SecurityContextImpl(token);

        SecurityContextImpl loaded = (SecurityContextImpl) roundTrip(context);

        assertEqualRoundTrip(context, loaded);
        OAuth2AuthenticationToken loadedToken = (OAuth2AuthenticationToken) loaded.getAuthentication();
        assertThat(loadedToken.getAuthorizedClientRegistrationId()).isEqualTo("example");
        assertEqualRoundTrip(user, loadedToken.getPrincipal());
        assertThat(((DefaultOidcUser) loadedToken.getPrincipal()).getIdToken()).isEqualTo(idToken);
        assertEqualRoundTrip(token, roundTrip(token));
        assertEqualRoundTrip(user, roundTrip(user));
        assertEqualRoundTrip(authorities.get(0), roundTrip(authorities.get(0)));
    }

    @Test
    void oauth2LoginToken() {
        Map<String, Object> attributes = Map.of("id", 583231, "login", "octocat", "name", "The Octocat");
        List<GrantedAuthority> authorities = List.of(new OAuth2UserAuthority(attributes, "login"),
                new SimpleGrantedAuthority("SCOPE_read:user"));
        DefaultOAuth2User user = new DefaultOAuth2User(authorities, attributes, "login");
        OAuth2AuthenticationToken token = new OAuth2AuthenticationToken(user, authorities, "github");
        SecurityContextImpl context = new SecurityContextImpl(token);

        assertEqualRoundTrip(context, roundTrip(context));
        assertEqualRoundTrip(user, roundTrip(user));
        assertEqualRoundTrip(authorities.get(0), roundTrip(authorities.get(0)));
    }

    @Test
    void oauth2AuthorizationRequestOfTheLoginFlow() {
        OAuth2AuthorizationRequest request = OAuth2AuthorizationRequest.authorizationCode()
                .authorizationUri("https://accounts.example/o/oauth2/v2/auth").clientId("client-id")
                .redirectUri("https://shop.example/login/oauth2/code/example").scopes(Set.of("openid", "profile"))
                .state("state-" + UUID.randomUUID()).additionalParameters(Map.of("nonce", "n-0S6_WzA2Mj"))
                .attributes(Map.of("registration_id", "example", "nonce", "secret-nonce")).build();

        OAuth2AuthorizationRequest loaded = (OAuth2AuthorizationRequest) roundTrip(request);

        assertEqualRoundTrip(request, loaded);
        assertThat(loaded.getAuthorizationRequestUri()).isEqualTo(request.getAuthorizationRequestUri());
        assertThat(loaded.getAttributes()).isEqualTo(request.getAttributes());
    }

    @Test
    void oauth2AuthorizedClient() {
        ClientRegistration registration = ClientRegistration.withRegistrationId("example").clientId("client-id")
                .clientSecret("client-secret").clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}").scope("openid", "profile")
                .authorizationUri("https://accounts.example/auth").tokenUri("https://accounts.example/token")
                .userInfoUri("https://accounts.example/userinfo").userNameAttributeName("sub")
                .jwkSetUri("https://accounts.example/jwks").clientName("Example").build();
        Instant issued = Instant.parse("2026-12-08T01:00:00Z");
        OAuth2AccessToken access = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "access-token-value",
                issued, issued.plus(1, ChronoUnit.HOURS), Set.of("openid", "profile"));
        OAuth2RefreshToken refresh = new OAuth2RefreshToken("refresh-token-value", issued);
        OAuth2AuthorizedClient client = new OAuth2AuthorizedClient(registration, "ada", access, refresh);

        OAuth2AuthorizedClient loaded = (OAuth2AuthorizedClient) roundTrip(client);

        // OAuth2AuthorizedClient and ClientRegistration have no equals: compare what they hold
        assertThat(loaded.getPrincipalName()).isEqualTo("ada");
        assertThat(loaded.getAccessToken()).isEqualTo(access);
        assertThat(loaded.getAccessToken().getScopes()).isEqualTo(access.getScopes());
        assertThat(loaded.getRefreshToken()).isEqualTo(refresh);
        ClientRegistration loadedRegistration = loaded.getClientRegistration();
        assertThat(loadedRegistration.getRegistrationId()).isEqualTo("example");
        assertThat(loadedRegistration.getClientId()).isEqualTo("client-id");
        assertThat(loadedRegistration.getClientSecret()).isEqualTo("client-secret");
        assertThat(loadedRegistration.getScopes()).isEqualTo(registration.getScopes());
        assertThat(loadedRegistration.getProviderDetails().getTokenUri()).isEqualTo("https://accounts.example/token");
        assertThat(loadedRegistration.getProviderDetails().getUserInfoEndpoint().getUserNameAttributeName())
                .isEqualTo("sub");
    }

    @ParameterizedTest
    @MethodSource("loginFailures")
    void theFailureOfALogin(AuthenticationException failure) {
        AuthenticationException loaded = (AuthenticationException) roundTrip(failure);

        // exceptions have no equals: the class and the message are what the login page reads
        assertThat(loaded.getMessage()).isEqualTo(failure.getMessage());
        assertThat(loaded.getCause()).isNull();
    }

    static List<AuthenticationException> loginFailures() {
        return List.of(new BadCredentialsException("Bad credentials"), new LockedException("User account is locked"),
                new DisabledException("User is disabled"), new AccountExpiredException("User account has expired"),
                new CredentialsExpiredException("User credentials have expired"),
                new UsernameNotFoundException("no user ada"),
                new InternalAuthenticationServiceException("the user store failed", new IllegalStateException("down")),
                new AuthenticationServiceException("service"), new InsufficientAuthenticationException("insufficient"),
                new AuthenticationCredentialsNotFoundException("not found"), new ProviderNotFoundException("none"),
                new SessionAuthenticationException("Maximum sessions of 1 for this principal exceeded"),
                new OAuth2AuthenticationException(new OAuth2Error("invalid_token", "the token expired",
                        "https://tools.ietf.org/html/rfc6750#section-3.1"), "the ID token expired"),
                new LockedException(null));
    }

    @Test
    void theErrorOfAFailedOAuth2Login() {
        OAuth2Error error = new OAuth2Error("invalid_token", "the token expired", "https://example/errors");
        OAuth2AuthenticationException loaded = (OAuth2AuthenticationException) roundTrip(
                new OAuth2AuthenticationException(error, "the ID token expired"));

        // OAuth2Error has no equals: compare what it holds
        assertThat(loaded.getError().getErrorCode()).isEqualTo("invalid_token");
        assertThat(loaded.getError().getDescription()).isEqualTo("the token expired");
        assertThat(loaded.getError().getUri()).isEqualTo("https://example/errors");
        assertThat(loaded.getMessage()).isEqualTo("the ID token expired");
    }

    @Test
    void aSubclassOfALoginFailureIsRefusedRatherThanStoredAsItsParent() {
        class AcmeLockedException extends LockedException {
            private static final long serialVersionUID = 1L;

            AcmeLockedException() {
                super("locked by Acme");
            }
        }

        assertThatThrownBy(() -> new SharedStore(dir).write("SPRING_SECURITY_LAST_EXCEPTION", new AcmeLockedException()))
                .isInstanceOf(SessionEncodingException.class)
                .cause().hasMessageContaining("subclass of org.springframework.security.authentication.LockedException");
    }

    @Test
    void everythingOfOneSignedInSessionTogether() {
        // what a form-login session holds after a redirect to the login page and back
        SecurityContextImpl context = new SecurityContextImpl(formLogin());
        DefaultCsrfToken csrf = new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", "token-value");
        SharedStore store = new SharedStore(dir);
        String cookie = store.write(session -> {
            session.put("SPRING_SECURITY_CONTEXT", context);
            session.put("org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository.CSRF_TOKEN", csrf);
            session.put("cart", List.of("tea", "scones"));
        });

        Map<String, Object> loaded = store.read(cookie, SpringSecurityValueTypes.all());

        assertEqualRoundTrip(context, loaded.get("SPRING_SECURITY_CONTEXT"));
        assertThat(((DefaultCsrfToken) loaded.get(
                "org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository.CSRF_TOKEN")).getToken())
                .isEqualTo("token-value");
        assertThat(loaded.get("cart")).isEqualTo(List.of("tea", "scones"));
    }

    @Test
    void inTheJsonSerializationFormatToo() {
        SecurityContextImpl context = new SecurityContextImpl(formLogin());
        SharedStore store = new SharedStore(dir, Map.of("SESSION_SERIALIZATION_FORMAT", "json"));
        String cookie = store.write("SPRING_SECURITY_CONTEXT", context);

        assertEqualRoundTrip(context, store.read(cookie, SpringSecurityValueTypes.all()).get("SPRING_SECURITY_CONTEXT"));
    }
}
