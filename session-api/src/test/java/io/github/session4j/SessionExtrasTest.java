package io.github.session4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Flask-style additions: pop, setDefault and typed get. */
class SessionExtrasTest {

    private static Session stored() {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("name", "ada");
        content.put("count", 3);
        content.put("big", 5_000_000_000L);
        content.put("tags", List.of("x"));
        content.put("nothing", null);
        return SessionTestBinding.stored(content).session();
    }

    @Test
    void popRemovesAndReturnsTheValue() {
        Session session = stored();

        assertThat(session.pop("name")).isEqualTo("ada");
        assertThat(session).doesNotContainKey("name");
        assertThat(session.pop("name")).isNull();
        assertThat(session.pop("nothing", "default")).isNull();
        assertThat(session).doesNotContainKey("nothing");
    }

    @Test
    void popWithADefaultReturnsItOnlyForAnAbsentKey() {
        Session session = stored();

        assertThat(session.pop("absent", "default")).isEqualTo("default");
        assertThat(session.pop("count", 0)).isEqualTo(3);
        assertThat(session.changes()).containsExactly(new SessionChange.Remove("count"));
    }

    @Test
    void setDefaultStoresOnlyWhenAbsentAndReturnsWhatTheSessionHolds() {
        Session session = stored();

        assertThat(session.setDefault("name", "bob")).isEqualTo("ada");
        assertThat(session.setDefault("nothing", "bob")).isNull();
        assertThat(session.setDefault("cart", "empty")).isEqualTo("empty");
        assertThat(session).containsEntry("name", "ada").containsEntry("nothing", null).containsEntry("cart", "empty");
        assertThat(session.changes()).containsExactly(new SessionChange.SetDefault("cart", "empty"));
    }

    @Test
    void typedGetReturnsTheValueOrNull() {
        Session session = stored();

        assertThat(session.get("name", String.class)).isEqualTo("ada");
        assertThat(session.get("name", CharSequence.class)).isEqualTo("ada");
        assertThat((Object) session.get("tags", List.class)).isEqualTo(List.of("x"));
        assertThat(session.get("count", Number.class)).isEqualTo(3);
        assertThat(session.get("absent", String.class)).isNull();
        assertThat(session.get("nothing", String.class)).isNull();
    }

    @Test
    void typedGetWidensIntegerToLongOnly() {
        Session session = stored();

        assertThat(session.get("count", Long.class)).isEqualTo(3L);
        assertThat(session.get("big", Long.class)).isEqualTo(5_000_000_000L);
        assertThatThrownBy(() -> session.get("big", Integer.class))
                .isInstanceOf(ClassCastException.class)
                .hasMessage("session key \"big\" holds a java.lang.Long, not the requested java.lang.Integer;"
                        + " ask for java.lang.Long or a supertype, or store a java.lang.Integer under that key");
        assertThatThrownBy(() -> session.get("count", Double.class)).isInstanceOf(ClassCastException.class);
    }

    @Test
    void typedGetOfAnotherTypeNamesKeyAndTypesButNotTheValue() {
        Session session = stored();

        assertThatThrownBy(() -> session.get("name", Integer.class))
                .isInstanceOf(ClassCastException.class)
                .hasMessage("session key \"name\" holds a java.lang.String, not the requested java.lang.Integer;"
                        + " ask for java.lang.String or a supertype, or store a java.lang.Integer under that key")
                .hasMessageNotContaining("ada");
        assertThat(session.isModified()).isFalse();
    }

    @Test
    void typedGetRejectsPrimitiveTypes() {
        Session session = stored();

        assertThatThrownBy(() -> session.get("count", int.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("session.get(\"count\", int.class): ask for the wrapper type instead"
                        + " (a missing key reads as null, which a primitive cannot hold)");
    }

    @Test
    void extrasRejectNullKeys() {
        Session session = stored();

        assertThatThrownBy(() -> session.pop(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("session keys cannot be null");
        assertThatThrownBy(() -> session.setDefault(null, 1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> session.get(null, String.class)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> session.get("name", null)).isInstanceOf(NullPointerException.class);
    }
}
