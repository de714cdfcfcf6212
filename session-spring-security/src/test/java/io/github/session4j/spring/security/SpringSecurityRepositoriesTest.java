package io.github.session4j.spring.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizationRequestRepository;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;

/**
 * Spring Security's own session repositories put what they keep in a servlet session; all of it
 * goes through session4j (put, commit, load in a fresh manager) into a new servlet session, where
 * the same repositories find it again. This pins down that what Spring Security 7 really stores,
 * under its own keys, is covered, not only the classes listed.
 */
class SpringSecurityRepositoriesTest {

    @TempDir
    Path dir;

    private final MockHttpServletResponse response = new MockHttpServletResponse();

    /** Every attribute Spring Security left in {@code written}, through the store, in a new session. */
    private MockHttpSession throughTheStore(MockHttpSession written) {
        List<String> names = Collections.list(written.getAttributeNames());
        assertThat(names).as("what Spring Security stored").isNotEmpty();
        SharedStore store = new SharedStore(dir);
        String cookie = store.write(session -> names.forEach(name -> session.put(name, written.getAttribute(name))));

        Map<String, Object> loaded = store.read(cookie, SpringSecurityValueTypes.all());

        assertThat(loaded.keySet()).containsExactlyInAnyOrderElementsOf(names);
        MockHttpSession next = new MockHttpSession();
        loaded.forEach(next::setAttribute);
        return next;
    }

    private static MockHttpServletRequest request(String method, String uri, MockHttpSession session) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, uri);
        request.setSession(session);
        return request;
    }

    @Test
    void theSecurityContextOfAFormLogin() {
        User user = (User) User.withUsername("ada").password("{noop}ada-lovelace-1815").roles("USER").build();
        user.eraseCredentials();
        UsernamePasswordAuthenticationToken token = UsernamePasswordAuthenticationToken.authenticated(user, null,
                List.of(AuthorityUtils.createAuthorityList("ROLE_USER").get(0),
                        FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY)));
        token.setDetails(new WebAuthenticationDetails("203.0.113.7", null));
        SecurityContextImpl context = new SecurityContextImpl(token);
        HttpSessionSecurityContextRepository repository = new HttpSessionSecurityContextRepository();
        MockHttpSession session = new MockHttpSession();
        repository.saveContext(context, request("POST", "/login", session), response);

        MockHttpSession next = throughTheStore(session);

        assertThat(next.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY))
                .isInstanceOf(SecurityContextImpl.class);
        MockHttpServletRequest later = request("GET", "/account", next);
        assertThat(repository.containsContext(later)).isTrue();
        assertThat(repository.loadDeferredContext(later).get()).isEqualTo(context);
    }

    @Test
    void theExceptionOfAFailedFormLogin() throws Exception {
        // the default failure handler of formLogin() keeps the exception for the login page
        SimpleUrlAuthenticationFailureHandler handler = new SimpleUrlAuthenticationFailureHandler("/login?error");
        MockHttpSession session = new MockHttpSession();
        handler.onAuthenticationFailure(request("POST", "/login", session), response,
                new BadCredentialsException("Bad credentials"));

        Object loaded = throughTheStore(session).getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);

        assertThat(loaded).isInstanceOf(BadCredentialsException.class);
        assertThat(((BadCredentialsException) loaded).getMessage()).isEqualTo("Bad credentials");
    }

    @Test
    void theCsrfToken() {
        HttpSessionCsrfTokenRepository repository = new HttpSessionCsrfTokenRepository();
        MockHttpSession session = new MockHttpSession();
        MockHttpServletRequest request = request("GET", "/login", session);
        CsrfToken token = repository.generateToken(request);
        repository.saveToken(token, request, response);

        CsrfToken loaded = repository.loadToken(request("POST", "/login", throughTheStore(session)));

        assertThat(loaded).isNotNull();
        assertThat(loaded.getToken()).isEqualTo(token.getToken());
        assertThat(loaded.getHeaderName()).isEqualTo(token.getHeaderName());
        assertThat(loaded.getParameterName()).isEqualTo(token.getParameterName());
    }

    @Test
    void theSavedRequestOfARedirectToTheLoginPage() {
        HttpSessionRequestCache cache = new HttpSessionRequestCache();
        MockHttpSession session = new MockHttpSession();
        MockHttpServletRequest request = request("GET", "/cart", session);
        request.setQueryString("page=2");
        request.addParameter("page", "2");
        request.addHeader("Accept", "text/html");
        cache.saveRequest(request, response);
        SavedRequest saved = cache.getRequest(request, response);

        MockHttpSession next = throughTheStore(session);

        SavedRequest loaded = cache.getRequest(request("GET", "/", next), response);
        assertThat(loaded).isNotNull().hasSameClassAs(saved);
        assertThat(loaded.getRedirectUrl()).isEqualTo(saved.getRedirectUrl());
        // after the login the browser follows the redirect; the cache recognises the request it saved
        MockHttpServletRequest back = request("GET", "/cart", next);
        back.setQueryString("page=2&continue");
        back.addParameter("page", "2");
        back.addParameter("continue", "");
        assertThat(cache.getMatchingRequest(back, response)).isNotNull();
    }

    @Test
    void theAuthorizationRequestOfAnOAuth2Login() {
        HttpSessionOAuth2AuthorizationRequestRepository repository = new HttpSessionOAuth2AuthorizationRequestRepository();
        OAuth2AuthorizationRequest authorization = OAuth2AuthorizationRequest.authorizationCode()
                .authorizationUri("https://accounts.example/auth").clientId("client-id")
                .redirectUri("https://shop.example/login/oauth2/code/example").scopes(Set.of("openid"))
                .state("state-1234").attributes(Map.of(OAuth2ParameterNames.REGISTRATION_ID, "example")).build();
        MockHttpSession session = new MockHttpSession();
        repository.saveAuthorizationRequest(authorization, request("GET", "/oauth2/authorization/example", session),
                response);

        MockHttpServletRequest callback = request("GET", "/login/oauth2/code/example", throughTheStore(session));
        callback.addParameter(OAuth2ParameterNames.STATE, "state-1234");

        assertThat(repository.loadAuthorizationRequest(callback)).isEqualTo(authorization);
        assertThat(repository.removeAuthorizationRequest(callback, response)).isEqualTo(authorization);
    }

    @Test
    void theAuthorizedClientsOfAnAnonymousUser() {
        HttpSessionOAuth2AuthorizedClientRepository repository = new HttpSessionOAuth2AuthorizedClientRepository();
        AnonymousAuthenticationToken anonymous = new AnonymousAuthenticationToken("key", "anonymousUser",
                AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
        MockHttpSession session = new MockHttpSession();
        repository.saveAuthorizedClient(client("example"), anonymous, request("GET", "/", session), response);

        MockHttpSession next = throughTheStore(session);

        MockHttpServletRequest later = request("GET", "/", next);
        OAuth2AuthorizedClient loaded = repository.loadAuthorizedClient("example", anonymous, later);
        assertThat(loaded).isNotNull();
        assertThat(loaded.getAccessToken()).isEqualTo(client("example").getAccessToken());
        assertThat(loaded.getClientRegistration().getRegistrationId()).isEqualTo("example");
        // the repository adds to the map it finds in the session: the loaded map must take it
        repository.saveAuthorizedClient(client("other"), anonymous, later, response);
        assertThat((Object) repository.loadAuthorizedClient("other", anonymous, later)).isNotNull();
        assertThat((Object) repository.loadAuthorizedClient("example", anonymous, later)).isNotNull();
    }

    private static OAuth2AuthorizedClient client(String registrationId) {
        ClientRegistration registration = ClientRegistration.withRegistrationId(registrationId).clientId("client-id")
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .tokenUri("https://accounts.example/token").build();
        Instant issued = Instant.parse("2026-12-08T01:00:00Z");
        return new OAuth2AuthorizedClient(registration, "anonymousUser", new OAuth2AccessToken(
                OAuth2AccessToken.TokenType.BEARER, "access-" + registrationId, issued, issued.plusSeconds(3600)));
    }
}
