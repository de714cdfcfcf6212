package io.github.session4j.spring.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.core.userdetails.User;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

/** The check that a written text reads back, and when it is skipped. */
class SecurityJsonTest {

    private final SecurityJson json = new SecurityJson(getClass().getClassLoader(),
            BasicPolymorphicTypeValidator.builder(), List.of());

    private static SecurityContextImpl context(String name) {
        User user = (User) User.withUsername(name).password("x").roles("USER").build();
        user.eraseCredentials();
        return new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
    }

    @Test
    void aTextIsCheckedOnceAndNotAgainWhenTheSameValueIsWritten() {
        json.write(context("ada"), SecurityContextImpl.class);
        json.write(context("ada"), SecurityContextImpl.class);
        assertThat(json.checks()).isEqualTo(1);

        json.write(context("grace"), SecurityContextImpl.class);
        assertThat(json.checks()).isEqualTo(2);
    }

    @Test
    void aTextThatWasReadIsNotCheckedWhenWrittenAgain() {
        SecurityJson writer = new SecurityJson(getClass().getClassLoader(), BasicPolymorphicTypeValidator.builder(),
                List.of());
        String text = writer.write(context("ada"), SecurityContextImpl.class);

        SecurityContextImpl loaded = json.read(text, SecurityContextImpl.class);
        assertThat(json.write(loaded, SecurityContextImpl.class)).isEqualTo(text);

        assertThat(json.checks()).isZero();
    }

    @Test
    void aTextThatDoesNotReadBackIsRefusedEveryTime() {
        SecurityContextImpl context = new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated(
                new AllowlistTest.AcmePrincipal("ada", 1), null, AuthorityUtils.NO_AUTHORITIES));

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> json.write(context, SecurityContextImpl.class))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(AllowlistTest.AcmePrincipal.class.getName());
        }
        assertThat(json.checks()).isEqualTo(2);
    }

    @Test
    void nestingIsCappedBeforeSpringSecuritysDeserializersSeeIt() {
        int depth = SecurityJson.MAX_NESTING_DEPTH + 1;
        // the token's deserializer reads it whole as a JSON tree: the deep principal is parsed there
        String deep = "{\"@class\":\"org.springframework.security.authentication.UsernamePasswordAuthenticationToken\","
                + "\"authenticated\":false,\"authorities\":[\"java.util.ArrayList\",[]],\"credentials\":null,"
                + "\"details\":null,\"principal\":" + "[".repeat(depth) + "]".repeat(depth) + "}";

        assertThatThrownBy(() -> json.read(deep, UsernamePasswordAuthenticationToken.class))
                .isInstanceOf(StreamConstraintsException.class)
                .hasMessageContaining("nesting depth");
    }

    @Test
    void theFingerprintDependsOnTheTextAndTheClass() {
        long base = ReadableTexts.fingerprint("{}", SecurityContextImpl.class);
        assertThat(ReadableTexts.fingerprint("{}", SecurityContextImpl.class)).isEqualTo(base);
        assertThat(ReadableTexts.fingerprint("{ }", SecurityContextImpl.class)).isNotEqualTo(base);
        assertThat(ReadableTexts.fingerprint("{}", User.class)).isNotEqualTo(base);
    }

    @Test
    void theSetOfReadableTextsIsBounded() {
        ReadableTexts texts = new ReadableTexts();
        for (int i = 0; i <= ReadableTexts.MAX_ENTRIES; i++) {
            texts.add("text " + i, User.class);
        }
        assertThat(texts.size()).isLessThanOrEqualTo(ReadableTexts.MAX_ENTRIES);
        assertThat(texts.contains("text " + ReadableTexts.MAX_ENTRIES, User.class)).isTrue();
    }
}
