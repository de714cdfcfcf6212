package io.github.session4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A session loaded with values it shares with the record cache copies a value only when the
 * application reaches it, so a request that changes one small value copies nothing large.
 */
class SessionSharedValuesTest {

    private final byte[] data = new byte[64];
    private final List<Object> list = new ArrayList<>(List.of("a"));

    private Session sharing() {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("data", data);
        content.put("list", list);
        content.put("counter", 1L);
        return new SessionTestBinding(SessionTestBinding.storedState(content, false, Instant.EPOCH, true)).session();
    }

    @Test
    void aValueNotReachedIsSavedAsLoadedWithoutACopy() {
        Session session = sharing();

        session.put("counter", 2L);

        assertThat(session.attributes().get("data")).as("data, never reached").isSameAs(data);
        assertThat(session.attributes().get("list")).as("list, never reached").isSameAs(list);
        assertThat(session.attributes().get("counter")).isEqualTo(2L);
    }

    @Test
    void aValueReachedIsACopyThatIsThenSaved() {
        Session session = sharing();

        byte[] reached = (byte[]) session.get("data");
        reached[0] = 7;

        assertThat(reached).as("data as reached").isNotSameAs(data).hasSize(64);
        assertThat(data[0]).as("the shared array").isZero();
        assertThat(session.get("data")).as("data reached again").isSameAs(reached);
        assertThat(session.attributes().get("data")).as("data as saved").isSameAs(reached);
        assertThat(session.attributes().get("list")).as("list, never reached").isSameAs(list);
        assertThat(session.keySet()).as("order after the copy").containsExactly("data", "list", "counter");
    }

    @Test
    void aValueReplacedIsNotCopied() {
        Session session = sharing();
        List<Object> mine = new ArrayList<>();

        session.putAll(Map.of("list", mine));

        assertThat(session.get("list")).as("the application's own value").isSameAs(mine);
    }

    @Test
    void aSessionWithValuesOfItsOwnHandsThemOutAsLoaded() {
        Map<String, Object> content = Map.of("data", data);
        Session session = new SessionTestBinding(SessionTestBinding.storedState(content, false, Instant.EPOCH, false)).session();

        assertThat(session.get("data")).isSameAs(data);
    }
}
