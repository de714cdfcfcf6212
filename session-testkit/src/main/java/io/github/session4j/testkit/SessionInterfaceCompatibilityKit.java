package io.github.session4j.testkit;

import io.github.session4j.spi.SessionInterfaceProvider;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/**
 * The contract test kit: every backend's test extends this class in a few lines and so runs the
 * same checks, against a real server, with the backend's own client as a side door.
 *
 * <pre>{@code
 * class RedisCompatibilityTest extends SessionInterfaceCompatibilityKit {
 *     @Override protected SessionInterfaceProvider provider() { return new RedisSessionInterfaceProvider(); }
 *     @Override protected Map<String, String> backendSettings() { return Map.of("SESSION_REDIS", "redis://127.0.0.1:6379"); }
 *     @Override protected SideDoor sideDoor() { return new RedisSideDoor(connection); }
 *     @Override protected ExpiryMode expiryMode() { return ExpiryMode.SERVER_TTL; }
 * }
 * }</pre>
 *
 * <p>Each test gets a unique {@code SESSION_KEY_PREFIX} ({@link #keyPrefix()}), a
 * {@link MutableClock} injected into its configuration ({@link #clock()}), and its own backends,
 * which are closed after the test; records left under the test's prefixes are deleted.
 *
 * <p>The groups are {@link Nested} classes. Those named after the SPI ({@code LoadSaveDelete},
 * {@code ConditionalSaves}, ...) call {@code provider().create(context)} directly; the others go
 * through a {@code SessionManager}, as an application would.
 */
public abstract class SessionInterfaceCompatibilityKit {

    private KitFixture fixture;

    /**
     * Creates the kit; subclasses need no constructor of their own.
     */
    protected SessionInterfaceCompatibilityKit() {
    }

    /**
     * The provider of the backend under test. Called often; a new instance each time is fine.
     *
     * @return the provider
     */
    protected abstract SessionInterfaceProvider provider();

    /**
     * The backend's own settings, such as its server address, added to every configuration the
     * kit builds. Core keys such as {@code SESSION_KEY_PREFIX} are set by the kit and win.
     *
     * @return the settings, keys in either spelling; empty by default
     */
    protected Map<String, String> backendSettings() {
        return Map.of();
    }

    /**
     * Reads and writes the store with the backend's own client. Called once per test.
     *
     * @return the side door
     */
    protected abstract SideDoor sideDoor();

    /**
     * How the backend makes records expire: by the server's clock or by the configured clock.
     *
     * @return the mode
     */
    protected abstract ExpiryMode expiryMode();

    /**
     * Counts the commands the store has seen, to check the round-trip budget. The default counts
     * calls through the SPI of the backend the test's {@code SessionManager} uses; override it to
     * count on the server instead (see {@link RoundTripCounter}).
     *
     * @return the counter, read before and after each request
     */
    protected RoundTripCounter roundTripCounter() {
        return fixture().spiCalls()::get;
    }

    /**
     * The clock injected into every configuration of the current test; a side door in
     * {@link ExpiryMode#CLOCK} mode computes remaining TTLs against it.
     *
     * @return the current test's clock
     */
    protected final MutableClock clock() {
        return fixture().clock();
    }

    /**
     * The {@code SESSION_KEY_PREFIX} of the current test, such as {@code tck0a1b2c3d4e:}.
     *
     * @return the prefix
     */
    protected final String keyPrefix() {
        return fixture().prefix();
    }

    /**
     * Opens the current test's fixture. Runs before the subclass's own {@code @BeforeEach}.
     */
    @BeforeEach
    protected final void openKitFixture() {
        fixture = new KitFixture(this);
    }

    /**
     * Deletes the records left under the test's prefixes and closes the backends and managers the
     * test opened. Runs after the subclass's own {@code @AfterEach}.
     */
    @AfterEach
    protected final void closeKitFixture() {
        if (fixture != null) {
            try {
                fixture.close();
            } finally {
                fixture = null;
            }
        }
    }

    final KitFixture fixture() {
        if (fixture == null) {
            throw new IllegalStateException("the kit's fixture exists only while a test runs");
        }
        return fixture;
    }

    /** Load, create, replace and delete through the SPI. */
    @Nested
    @DisplayName("SPI: load, save, delete")
    class LoadSaveDelete extends LoadSaveDeleteContract {
        LoadSaveDelete() {
            super(SessionInterfaceCompatibilityKit.this::fixture);
        }
    }

    /** Versions and conditional saves through the SPI. */
    @Nested
    @DisplayName("SPI: conditional saves and versions")
    class ConditionalSaves extends ConditionalSaveContract {
        ConditionalSaves() {
            super(SessionInterfaceCompatibilityKit.this::fixture);
        }
    }

    /** Records come back byte for byte. */
    @Nested
    @DisplayName("SPI: byte-exact records")
    class ByteExactRecords extends ByteExactnessContract {
        ByteExactRecords() {
            super(SessionInterfaceCompatibilityKit.this::fixture);
        }
    }

    /** TTLs and expiry. */
    @Nested
    @DisplayName("SPI: TTL and expiry")
    class Expiry extends ExpiryContract {
        Expiry() {
            super(SessionInterfaceCompatibilityKit.this::fixture);
        }
    }

    /** TTL refresh without rewrite. */
    @Nested
    @DisplayName("SPI: TTL refresh without rewrite")
    class TtlRefresh extends TtlRefreshContract {
        TtlRefresh() {
            super(SessionInterfaceCompatibilityKit.this::fixture);
        }
    }

    /** Racing conditional saves. */
    @Nested
    @DisplayName("SPI: racing saves")
    class ConcurrentSaves extends ConcurrentSaveContract {
        ConcurrentSaves() {
            super(SessionInterfaceCompatibilityKit.this::fixture);
        }
    }

    /** Keys are stored as given. */
    @Nested
    @DisplayName("SPI: keys and prefixes")
    class KeyPrefix extends KeyPrefixContract {
        KeyPrefix() {
            super(SessionInterfaceCompatibilityKit.this::fixture);
        }
    }

    /** Closing backends. */
    @Nested
    @DisplayName("SPI: close")
    class Closing extends CloseContract {
        Closing() {
            super(SessionInterfaceCompatibilityKit.this::fixture);
        }
    }

    /** The optional capabilities, where implemented. */
    @Nested
    @DisplayName("SPI: optional capabilities")
    class OptionalCapabilities extends CapabilityContract {
        OptionalCapabilities() {
            super(SessionInterfaceCompatibilityKit.this::fixture);
        }
    }

    /** The principal index through the SPI, where implemented; a backend without it refuses index changes. */
    @Nested
    @DisplayName("SPI: principal index")
    class PrincipalIndexGroup extends PrincipalIndexContract {
        PrincipalIndexGroup() {
            super(SessionInterfaceCompatibilityKit.this::fixture);
        }
    }

    /** Sign-in, listing and ending a user's sessions, with their round trips. */
    @Nested
    @DisplayName("Manager: signed-in sessions")
    class SignedInSessions extends SignedInSessionContract {
        SignedInSessions() {
            super(SessionInterfaceCompatibilityKit.this::fixture);
        }
    }

    /** Values, removals, invalidate and regenerate across requests. */
    @Nested
    @DisplayName("Manager: values across requests")
    class RequestLifecycle extends RequestLifecycleContract {
        RequestLifecycle() {
            super(SessionInterfaceCompatibilityKit.this::fixture);
        }
    }

    /** No key or record holds a raw session ID. */
    @Nested
    @DisplayName("Manager: the raw ID never reaches the store")
    class RawIdNeverStored extends RawIdContract {
        RawIdNeverStored() {
            super(SessionInterfaceCompatibilityKit.this::fixture);
        }
    }

    /** The documented value types round-trip through the store. */
    @Nested
    @DisplayName("Manager: codec round trips through the store")
    class CodecRoundTrips extends CodecContract {
        CodecRoundTrips() {
            super(SessionInterfaceCompatibilityKit.this::fixture);
        }
    }

    /** Oversized sessions are refused and nothing is written. */
    @Nested
    @DisplayName("Manager: size cap")
    class SizeCap extends SizeCapContract {
        SizeCap() {
            super(SessionInterfaceCompatibilityKit.this::fixture);
        }
    }

    /** Corrupt and tampered records are no session, deleted and counted. */
    @Nested
    @DisplayName("Manager: corrupt and tampered records")
    class UnreadableRecords extends UnreadableRecordContract {
        UnreadableRecords() {
            super(SessionInterfaceCompatibilityKit.this::fixture);
        }
    }

    /** Concurrent requests on one session lose nothing and resurrect nothing. */
    @Nested
    @DisplayName("Manager: concurrent requests")
    class ConcurrentRequests extends ConcurrentRequestContract {
        ConcurrentRequests() {
            super(SessionInterfaceCompatibilityKit.this::fixture);
        }
    }

    /** The round-trip budget of DESIGN.md section 5. */
    @Nested
    @DisplayName("Manager: round-trip budget")
    class RoundTripBudget extends RoundTripBudgetContract {
        RoundTripBudget() {
            super(SessionInterfaceCompatibilityKit.this::fixture);
        }
    }

    /** The TTLs the manager gives the store: a session's own idle timeout, the global lifetime, the old key of a regenerated session. */
    @Nested
    @DisplayName("Manager: session TTLs in the store")
    class SessionTtls extends SessionTtlContract {
        SessionTtls() {
            super(SessionInterfaceCompatibilityKit.this::fixture);
        }
    }
}
