package io.github.session4j.spring.security;

import io.github.session4j.codec.ValueType;
import java.util.List;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;
import org.springframework.security.oauth2.core.user.OAuth2UserAuthority;

/**
 * The OAuth2/OIDC login types, in a class of their own: it is loaded only when
 * spring-security-oauth2-client is on the classpath (an optional dependency).
 */
final class OAuth2ValueTypes {

    private OAuth2ValueTypes() {
    }

    static void add(List<ValueType<?>> types, SecurityJson json) {
        types.add(SpringSecurityValueTypes.type("oauth2-token", OAuth2AuthenticationToken.class, json));
        // the OIDC subclasses first: a supertype match takes the first registration that fits
        types.add(SpringSecurityValueTypes.type("oidc-user", DefaultOidcUser.class, json));
        types.add(SpringSecurityValueTypes.type("oauth2-user", DefaultOAuth2User.class, json));
        types.add(SpringSecurityValueTypes.type("oidc-user-authority", OidcUserAuthority.class, json));
        types.add(SpringSecurityValueTypes.type("oauth2-user-authority", OAuth2UserAuthority.class, json));
        types.add(SpringSecurityValueTypes.type("oauth2-authorization-request", OAuth2AuthorizationRequest.class, json));
        types.add(SpringSecurityValueTypes.type("oauth2-authorized-client", OAuth2AuthorizedClient.class, json));
        types.add(SpringSecurityValueTypes.type("oauth2-authentication-exception", OAuth2AuthenticationException.class,
                json));
    }
}
