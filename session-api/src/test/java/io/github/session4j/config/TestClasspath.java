package io.github.session4j.config;

import io.github.session4j.spi.SessionInterfaceProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;

/**
 * A real class loader over a temporary directory, for tests of discovery and of
 * {@code session.properties}. Classes come from the test's own class loader, but its
 * {@code META-INF/services} files and {@code session.properties} are hidden, so that each test sees
 * exactly the files it wrote.
 */
public final class TestClasspath {

    /** The service file ServiceLoader reads. */
    public static final String SERVICES = "META-INF/services/" + SessionInterfaceProvider.class.getName();

    private final Path dir;

    private TestClasspath(Path dir) {
        this.dir = dir;
    }

    /**
     * Starts an empty classpath in a directory.
     *
     * @param dir an empty temporary directory
     * @return the classpath
     */
    public static TestClasspath in(Path dir) {
        return new TestClasspath(dir);
    }

    /**
     * Writes a services file naming these classes, one per line.
     *
     * @param classNames provider class names, real or not
     * @return this classpath
     */
    public TestClasspath services(String... classNames) {
        return file(SERVICES, String.join("\n", classNames) + "\n");
    }

    /**
     * Writes a file relative to the classpath root.
     *
     * @param name such as {@code session.properties}
     * @param content the text, UTF-8
     * @return this classpath
     */
    public TestClasspath file(String name, String content) {
        try {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The class loader over the directory.
     *
     * @return a new class loader
     */
    public ClassLoader loader() {
        try {
            URL[] urls = {dir.toUri().toURL()};
            return new URLClassLoader(urls, new Hiding(TestClasspath.class.getClassLoader()));
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Delegates classes, hides the resources that each test provides itself. */
    private static final class Hiding extends ClassLoader {

        Hiding(ClassLoader parent) {
            super(parent);
        }

        private static boolean hidden(String name) {
            return name.startsWith("META-INF/services/") || name.equals("session.properties");
        }

        @Override
        public URL getResource(String name) {
            return hidden(name) ? null : super.getResource(name);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            return hidden(name) ? Collections.emptyEnumeration() : super.getResources(name);
        }
    }
}
