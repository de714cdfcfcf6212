package io.github.session4j.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.session4j.spi.RecordAppender;
import io.github.session4j.spi.RecordRevalidator;
import io.github.session4j.spi.RecordWrite;
import io.github.session4j.spi.Revalidation;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.spi.SessionInterfaceProvider;
import io.github.session4j.spi.StoredRecord;
import io.github.session4j.spi.WriteResult;
import io.github.session4j.testkit.ForwardingSessionInterface;
import io.github.session4j.testkit.RoundTripCounter;
import io.github.session4j.testkit.SessionInterfaceCompatibilityKit;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The kit can fail: it runs against memory backends broken in one way each, and the tests that
 * guard that rule must fail (while {@link MemoryCompatibilityTest} shows the intact backend
 * passes).
 */
class KitCatchesBrokenBackendsTest {

    @Test
    void replaceThatIgnoresTheVersionIsCaught() {
        assertThat(failuresOf(IgnoresVersions.class)).contains(
                "replaceWithAStaleVersionReturnsFalseAndLeavesTheRecordIntact",
                "ofManyRacingReplacesFromOneVersionExactlyOneWins",
                "twentyRequestsSettingDistinctKeysLoseNothing",
                "mergeFromTwentyRequestsCountsEveryIncrement");
    }

    @Test
    void createThatOverwritesIsCaught() {
        assertThat(failuresOf(OverwritingCreate.class)).contains(
                "createOnALiveKeyReturnsFalseAndKeepsTheRecord",
                "ofManyRacingCreatesExactlyOneWins");
    }

    @Test
    void replaceThatResurrectsDeletedRecordsIsCaught() {
        assertThat(failuresOf(ResurrectingReplace.class)).contains(
                "aDeletedRecordStaysDeletedAgainstItsLastVersion",
                "replaceOfAKeyNeverWrittenReturnsFalseAndCreatesNothing",
                "aSessionInvalidatedDuringASlowRequestStaysDead");
    }

    @Test
    void touchThatRewritesIsCaught() {
        assertThat(failuresOf(RewritingTouch.class)).contains(
                "touchExtendsTheTtlWithoutChangingBytesOrVersion",
                "loadAndTouchReturnsTheRecordAndExtendsItsTtl");
    }

    @Test
    void ignoredTtlsAreCaught() {
        assertThat(failuresOf(IgnoredTtl.class)).contains(
                "aRecordExpiresAfterItsTtl",
                "theStoreReportsTheTtlItWasGiven",
                "touchSetsAShorterTtlToo",
                "replaceWithAShortTtlMakesTheRecordExpire");
    }

    @Test
    void lossyBytesAreCaught() {
        assertThat(failuresOf(LossyBytes.class)).contains(
                "everyByteValueRoundTrips",
                "hundredKilobyteRecordsRoundTrip");
    }

    @Test
    void deleteThatDoesNothingIsCaught() {
        assertThat(failuresOf(IgnoredDelete.class)).contains(
                "deleteRemovesTheRecord",
                "invalidateDeletesTheRecordAndEndsTheId",
                "aRecordOfRandomBytesIsDeletedAndCounted");
    }

    @Test
    void anExtraRoundTripIsCaughtByTheServerSideCounter() {
        assertThat(failuresOf(DoubleLoad.class)).contains(
                "readingASessionCostsOneRoundTrip",
                "modifyingASessionCostsTwoRoundTrips");
    }

    @Test
    void anAppendThatIgnoresTheVersionIsCaught() {
        assertThat(failuresOf(AppendIgnoresVersions.class)).contains(
                "theAppenderAppendsOnTheExpectedVersionOnlyAndChangesIt");
    }

    @Test
    void aRevalidatorThatAlwaysAnswersUnchangedIsCaught() {
        assertThat(failuresOf(RevalidatorAlwaysUnchanged.class)).contains(
                "theRevalidatorTellsUnchangedOnlyForTheStoredVersion",
                "aKeyCreatedAgainAfterADeleteHasANewVersion",
                "revalidatingAnExpiredRecordFindsNothing");
    }

    @Test
    void aRevalidatorThatReportsAnotherVersionIsCaught() {
        assertThat(failuresOf(RevalidatorMisreportsVersions.class)).contains(
                "theRevalidatorTellsUnchangedOnlyForTheStoredVersion",
                "theRevalidatorReportsTheVersionOfAnAppend");
    }

    /** Runs one kit subclass with the JUnit launcher and returns the names of the failed tests. */
    static Set<String> failuresOf(Class<? extends SessionInterfaceCompatibilityKit> kit) {
        Set<String> failed = new TreeSet<>();
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(kit)).build();
        LauncherFactory.create().execute(request, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                    test.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                            .ifPresent(source -> failed.add(source.getMethodName()));
                }
            }
        });
        return failed;
    }

    /** A memory backend wrapped in one breakage, with the side door over the intact stores. */
    abstract static class BrokenMemoryKit extends MemoryCompatibilityTest {

        abstract SessionInterface breakIt(SessionInterface intact);

        @Override
        protected SessionInterfaceProvider provider() {
            return new TrackingMemoryProvider(stores, this::breakIt);
        }
    }

    /**
     * The intact backend, forwarded; the broken backends override the one rule they break.
     * {@code loadAndTouch} goes through this class's own {@code load} and {@code touch}, so that
     * breaking one breaks this too; the expiry is not reported, as the pre-touch one would be wrong.
     */
    private static class Broken extends ForwardingSessionInterface {
        Broken(SessionInterface intact) {
            super(intact);
        }

        @Override
        public Optional<StoredRecord> loadAndTouch(String key, Duration ttl) {
            Optional<StoredRecord> found = load(key);
            found.ifPresent(record -> touch(key, ttl));
            return found.map(record -> new StoredRecord(record.data(), record.version(), null));
        }
    }

    /** Answers "unchanged" to every revalidation, whatever the store holds. */
    static class RevalidatorAlwaysUnchanged extends BrokenMemoryKit {
        @Override
        SessionInterface breakIt(SessionInterface intact) {
            return new Revalidating(intact, 0);
        }
    }

    /** Reports a version one off from the one its writes gave the record. */
    static class RevalidatorMisreportsVersions extends BrokenMemoryKit {
        @Override
        SessionInterface breakIt(SessionInterface intact) {
            return new Revalidating(intact, 1);
        }
    }

    /** A revalidator over the intact memory backend, broken by {@code versionOffset} or, at 0, by never reading. */
    private static final class Revalidating extends Broken implements RecordAppender, RecordRevalidator {
        private final long versionOffset;

        Revalidating(SessionInterface intact, long versionOffset) {
            super(intact);
            this.versionOffset = versionOffset;
        }

        private RecordRevalidator intact() {
            return delegate.capability(RecordRevalidator.class).orElseThrow();
        }

        @Override
        public Revalidation revalidate(String key, long version, Duration ttl) {
            return versionOffset == 0 ? Revalidation.unchanged(null) : intact().revalidate(key, version, ttl);
        }

        @Override
        protected WriteResult replace(RecordWrite.Replace write) {
            return offset(delegate.write(write));
        }

        @Override
        protected WriteResult append(RecordWrite.Append write) {
            return offset(delegate.write(write));
        }

        private WriteResult offset(WriteResult result) {
            return result.newVersion().isPresent() ? WriteResult.written(result.newVersion().getAsLong() + versionOffset) : result;
        }
    }

    /** Appends to whatever version is current. */
    static class AppendIgnoresVersions extends BrokenMemoryKit {
        @Override
        SessionInterface breakIt(SessionInterface intact) {
            return new AppendingForward(intact);
        }

        private static final class AppendingForward extends Broken implements RecordAppender {
            AppendingForward(SessionInterface intact) {
                super(intact);
            }

            @Override
            protected WriteResult append(RecordWrite.Append write) {
                Optional<StoredRecord> current = delegate.load(write.key());
                return current.isEmpty() ? WriteResult.lostRace() : delegate.write(
                        new RecordWrite.Append(write.key(), write.tail(), current.get().version(), write.ttl()));
            }
        }
    }

    /** Replaces whatever version is current. */
    static class IgnoresVersions extends BrokenMemoryKit {
        @Override
        SessionInterface breakIt(SessionInterface intact) {
            return new Broken(intact) {
                @Override
                protected WriteResult replace(RecordWrite.Replace write) {
                    Optional<StoredRecord> current = delegate.load(write.key());
                    return current.isEmpty() ? WriteResult.lostRace() : delegate.write(
                            new RecordWrite.Replace(write.key(), write.record(), current.get().version(), write.ttl()));
                }
            };
        }
    }

    /** Creates over a live record. */
    static class OverwritingCreate extends BrokenMemoryKit {
        @Override
        SessionInterface breakIt(SessionInterface intact) {
            return new Broken(intact) {
                @Override
                protected WriteResult create(RecordWrite.Create write) {
                    delegate.delete(write.key());
                    return delegate.write(write);
                }
            };
        }
    }

    /** Replace creates a missing record (an upsert). */
    static class ResurrectingReplace extends BrokenMemoryKit {
        @Override
        SessionInterface breakIt(SessionInterface intact) {
            return new Broken(intact) {
                @Override
                protected WriteResult replace(RecordWrite.Replace write) {
                    WriteResult replaced = delegate.write(write);
                    return replaced.isWritten() ? replaced
                            : delegate.write(new RecordWrite.Create(write.key(), write.record(), write.ttl()));
                }
            };
        }
    }

    /** Touch rewrites the record, which changes its version. */
    static class RewritingTouch extends BrokenMemoryKit {
        @Override
        SessionInterface breakIt(SessionInterface intact) {
            return new Broken(intact) {
                @Override
                public void touch(String key, Duration ttl) {
                    delegate.load(key).ifPresent(found -> delegate.write(
                            new RecordWrite.Replace(key, found.data(), found.version(), ttl)));
                }
            };
        }
    }

    /** Every TTL becomes 100 days. */
    static class IgnoredTtl extends BrokenMemoryKit {
        private static final Duration FOREVER = Duration.ofDays(100);

        @Override
        SessionInterface breakIt(SessionInterface intact) {
            return new Broken(intact) {
                @Override
                protected WriteResult create(RecordWrite.Create write) {
                    return delegate.write(new RecordWrite.Create(write.key(), write.record(), FOREVER));
                }

                @Override
                protected WriteResult replace(RecordWrite.Replace write) {
                    return delegate.write(new RecordWrite.Replace(write.key(), write.record(), write.expectedVersion(), FOREVER));
                }

                @Override
                public void touch(String key, Duration ttl) {
                    delegate.touch(key, FOREVER);
                }
            };
        }
    }

    /** Bytes pass through a UTF-8 string, as a text column would. */
    static class LossyBytes extends BrokenMemoryKit {
        @Override
        SessionInterface breakIt(SessionInterface intact) {
            return new Broken(intact) {
                @Override
                protected WriteResult create(RecordWrite.Create write) {
                    return delegate.write(new RecordWrite.Create(write.key(), throughText(write.record()), write.ttl()));
                }

                @Override
                protected WriteResult replace(RecordWrite.Replace write) {
                    return delegate.write(new RecordWrite.Replace(write.key(), throughText(write.record()),
                            write.expectedVersion(), write.ttl()));
                }
            };
        }

        private static byte[] throughText(byte[] record) {
            return new String(record, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Delete does nothing. */
    static class IgnoredDelete extends BrokenMemoryKit {
        @Override
        SessionInterface breakIt(SessionInterface intact) {
            return new Broken(intact) {
                @Override
                public void delete(String key) {
                    // broken on purpose
                }
            };
        }
    }

    /** Every load costs two commands, which a server-side counter sees. */
    static class DoubleLoad extends BrokenMemoryKit {
        private final AtomicLong serverCommands = new AtomicLong();

        @Override
        protected RoundTripCounter roundTripCounter() {
            return serverCommands::get;
        }

        @Override
        SessionInterface breakIt(SessionInterface intact) {
            return new Broken(intact) {
                @Override
                public Optional<StoredRecord> load(String key) {
                    serverCommands.addAndGet(2);
                    delegate.load(key);
                    return delegate.load(key);
                }

                @Override
                protected WriteResult create(RecordWrite.Create write) {
                    serverCommands.incrementAndGet();
                    return delegate.write(write);
                }

                @Override
                protected WriteResult replace(RecordWrite.Replace write) {
                    serverCommands.incrementAndGet();
                    return delegate.write(write);
                }

                @Override
                protected WriteResult append(RecordWrite.Append write) {
                    serverCommands.incrementAndGet();
                    return delegate.write(write);
                }
            };
        }
    }
}
