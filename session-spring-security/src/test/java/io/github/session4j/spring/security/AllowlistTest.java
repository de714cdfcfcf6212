package io.github.session4j.spring.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.session4j.SessionEncodingException;
import io.github.session4j.codec.ValueType;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

/**
 * Spring Security's allowlist holds: a stored record whose JSON names a class outside it is an
 * unreadable record, which the manager treats as no session (never an exception to the
 * application, never an instance of that class); a value that would not read back is refused when
 * it is put.
 */
class AllowlistTest {

    @TempDir
    Path dir;

    /** Stands for a record written by something else than this library: the JSON is given as is. */
    record Planted(String json) {
    }

    /** A record holding, under Spring Security's own tag, a JSON text written by hand. */
    private String plant(String tag, String json) {
        List<ValueType<?>> forger = List.of(ValueType.of(tag, Planted.class, Planted::json, d -> new Planted((String) d)));
        return new SharedStore(dir).write(forger, session -> session.put("SPRING_SECURITY_CONTEXT", new Planted(json)));
    }

    @Test
    void aRecordNamingAClassOutsideTheAllowlistIsNoSessionAndNeverLoadsTheClass() {
        String canary = Canary.class.getName();
        String cookie = plant("spring-security:context", "{\"@class\":\"org.springframework.security.core.context."
                + "SecurityContextImpl\",\"authentication\":{\"@class\":\"org.springframework.security.authentication."
                + "UsernamePasswordAuthenticationToken\",\"authenticated\":true,\"authorities\":[\"java.util.ArrayList\","
                + "[]],\"credentials\":null,\"details\":null,\"principal\":{\"@class\":\"" + canary
                + "\",\"name\":\"ada\"}}}");

        SharedStore.Loaded loaded = new SharedStore(dir).load(cookie, SpringSecurityValueTypes.all());

        assertThat(loaded.isNew()).as("the session is a fresh one").isTrue();
        assertThat(loaded.content()).isEmpty();
        assertThat(loaded.unreadableRecords()).isEqualTo(1);
        assertThat(CanaryLog.CONSTRUCTED).hasValue(0);
        assertThat(CanaryLog.INITIALIZED).as("Canary's static initializer").hasValue(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"spring-security:context", "spring-security:username-password", "spring-security:user",
            "spring-security:authority", "spring-security:csrf-token", "spring-security:saved-request",
            "spring-security:oauth2-token", "spring-security:oauth2-authorization-request"})
    void aRecordWhoseValueIsItselfOfAClassOutsideTheAllowlistIsNoSession(String tag) {
        String cookie = plant(tag, "{\"@class\":\"" + Canary.class.getName() + "\",\"name\":\"ada\"}");

        SharedStore.Loaded loaded = new SharedStore(dir).load(cookie, SpringSecurityValueTypes.all());

        assertThat(loaded.isNew()).isTrue();
        assertThat(loaded.unreadableRecords()).isEqualTo(1);
        assertThat(CanaryLog.CONSTRUCTED).hasValue(0);
        assertThat(CanaryLog.INITIALIZED).as("Canary's static initializer").hasValue(0);
    }

    @Test
    void theSameRecordWithAnAllowedPrincipalLoads() {
        // the control for the test above: the planted text is well formed, only the class is refused
        String cookie = plant("spring-security:context", "{\"@class\":\"org.springframework.security.core.context."
                + "SecurityContextImpl\",\"authentication\":{\"@class\":\"org.springframework.security.authentication."
                + "UsernamePasswordAuthenticationToken\",\"authenticated\":true,\"authorities\":[\"java.util.ArrayList\","
                + "[]],\"credentials\":null,\"details\":null,\"principal\":\"ada\"}}");

        Map<String, Object> loaded = new SharedStore(dir).read(cookie, SpringSecurityValueTypes.all());

        assertThat(loaded.get("SPRING_SECURITY_CONTEXT")).isEqualTo(new SecurityContextImpl(
                UsernamePasswordAuthenticationToken.authenticated("ada", null, List.of())));
    }

    @Test
    void aRecordWhoseJsonIsAnotherAllowedTypeIsNoSession() {
        // allowed classes, but not the one the tag stands for: read for the tag's class, it is refused
        String cookie = plant("spring-security:csrf-token", "{\"@class\":\"org.springframework.security.core.context."
                + "SecurityContextImpl\",\"authentication\":null}");

        SharedStore.Loaded loaded = new SharedStore(dir).load(cookie, SpringSecurityValueTypes.all());

        assertThat(loaded.isNew()).isTrue();
        assertThat(loaded.unreadableRecords()).isEqualTo(1);
    }

    @Test
    void aMalformedJsonIsNoSession() {
        String cookie = plant("spring-security:context", "{\"@class\":\"org.springframework.security.core.context.");

        SharedStore.Loaded loaded = new SharedStore(dir).load(cookie, SpringSecurityValueTypes.all());

        assertThat(loaded.isNew()).isTrue();
        assertThat(loaded.unreadableRecords()).isEqualTo(1);
    }

    @Test
    void aPrincipalOfTheApplicationsOwnIsRefusedWhenPutWithAMessageThatSaysHowToAllowIt() {
        SecurityContextImpl context = new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated(
                new AcmePrincipal("ada", 42), null, AuthorityUtils.createAuthorityList("ROLE_USER")));

        assertThatThrownBy(() -> new SharedStore(dir).write("SPRING_SECURITY_CONTEXT", context))
                .isInstanceOf(SessionEncodingException.class)
                .hasMessageContaining("SPRING_SECURITY_CONTEXT")
                .hasMessageContaining("spring-security:context")
                .cause().hasMessageContaining(AcmePrincipal.class.getName())
                .hasMessageContaining("allowIfSubType");
    }

    @Test
    void aPrincipalOfTheApplicationsOwnRoundTripsOnceAllowed() {
        SecurityContextImpl context = new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated(
                new AcmePrincipal("ada", 42), null, AuthorityUtils.createAuthorityList("ROLE_USER")));
        List<ValueType<?>> allowing = SpringSecurityValueTypes.all(getClass().getClassLoader(),
                BasicPolymorphicTypeValidator.builder().allowIfSubType(AcmePrincipal.class));
        SharedStore store = new SharedStore(dir);
        String cookie = store.write(allowing, session -> session.put("SPRING_SECURITY_CONTEXT", context));

        Object loaded = store.read(cookie, allowing).get("SPRING_SECURITY_CONTEXT");

        assertThat(loaded).isEqualTo(context).hasSameClassAs(context);
        assertThat(((SecurityContextImpl) loaded).getAuthentication().getPrincipal()).isEqualTo(new AcmePrincipal("ada", 42));
        // and a manager without the allowance cannot read it: no session rather than a failure
        assertThat(store.load(cookie, SpringSecurityValueTypes.all()).isNew()).isTrue();
    }

    @Test
    void aClaimInAnImmutableJdkSetIsRefusedWhenPut() {
        // Set.of is not on Spring Security's allowlist (its own decoders hand out other collections)
        Instant issued = Instant.parse("2026-12-08T01:00:00Z");
        OidcIdToken idToken = OidcIdToken.withTokenValue("id-token").subject("248289761001")
                .issuedAt(issued).expiresAt(issued.plusSeconds(3600)).claim("groups", Set.of("staff")).build();
        DefaultOidcUser user = new DefaultOidcUser(AuthorityUtils.createAuthorityList("OIDC_USER"), idToken);

        assertThatThrownBy(() -> new SharedStore(dir).write("user", user))
                .isInstanceOf(SessionEncodingException.class)
                .cause().hasMessageContaining("java.util.ImmutableCollections");
    }

    /** An application's own principal: Jackson builds a record through its canonical constructor. */
    record AcmePrincipal(String name, int tenant) {
    }
}
