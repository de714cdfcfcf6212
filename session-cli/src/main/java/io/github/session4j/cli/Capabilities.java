package io.github.session4j.cli;

import io.github.session4j.spi.ExpirySweeper;
import io.github.session4j.spi.FlaskRecordStore;
import io.github.session4j.spi.PrincipalIndex;
import io.github.session4j.spi.RecordAppender;
import io.github.session4j.spi.RecordRevalidator;
import io.github.session4j.spi.RecordScanner;
import io.github.session4j.spi.SessionCounter;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.spi.SessionInterfaceProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * The optional capabilities the CLI knows, and which backends on its classpath have one.
 */
final class Capabilities {

    /** Every capability interface that {@code check} reports, in the order shown. */
    static final List<Class<?>> KNOWN = List.of(SessionCounter.class, ExpirySweeper.class, RecordScanner.class,
            PrincipalIndex.class, RecordAppender.class, RecordRevalidator.class, FlaskRecordStore.class);

    private Capabilities() {
    }

    /** The names of the capabilities {@code backend} answers. */
    static List<String> of(SessionInterface backend) {
        List<String> names = new ArrayList<>();
        for (Class<?> type : KNOWN) {
            if (backend.capability(type).isPresent()) {
                names.add(type.getSimpleName());
            }
        }
        return names;
    }

    /** The backends on the classpath whose provider declares {@code type}, such as {@code jdbc, redis}. */
    static String backendsWith(Class<?> type) {
        TreeSet<String> names = new TreeSet<>();
        for (ServiceLoader.Provider<SessionInterfaceProvider> provider
                : ServiceLoader.load(SessionInterfaceProvider.class, Capabilities.class.getClassLoader()).stream().toList()) {
            try {
                SessionInterfaceProvider loaded = provider.get();
                if (loaded.capabilities().contains(type)) {
                    names.add(loaded.name());
                }
            } catch (java.util.ServiceConfigurationError e) {
                // a provider that fails to load has no capability to offer here
            }
        }
        return names.isEmpty() ? "none on this classpath" : String.join(", ", names);
    }

    /** The failure of a command whose backend lacks {@code type}. */
    static CliFailure missing(String backend, Class<?> type, String what) {
        return new CliFailure(ExitCodes.UNSUPPORTED, "The " + backend + " backend cannot " + what + " (it has no "
                + type.getSimpleName() + "). Backends that can: " + backendsWith(type) + ".");
    }
}
