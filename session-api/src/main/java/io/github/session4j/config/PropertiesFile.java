package io.github.session4j.config;

import io.github.session4j.SessionConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Reads a {@code .properties} file in UTF-8 (not the ISO-8859-1 of {@link Properties#load(InputStream)}),
 * so that a secret or a path with non-ASCII characters is read as written.
 */
public final class PropertiesFile {

    private PropertiesFile() {
    }

    /**
     * Reads a file named by {@code SESSION_CONFIG}.
     *
     * @param file the file
     * @return its entries, keys as written
     * @throws SessionConfigException if the file is missing or unreadable, naming the path
     */
    public static Map<String, String> read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new SessionConfigException("SESSION_CONFIG was '" + file + "' but that file cannot be read ("
                    + e + "). Fix the path, or unset SESSION_CONFIG to use session.properties on the classpath.", e);
        }
    }

    /**
     * Reads a {@code session.properties} resource found on the classpath.
     *
     * @param resource the resource
     * @return its entries, keys as written
     * @throws SessionConfigException if the resource cannot be read
     */
    public static Map<String, String> read(URL resource) {
        try (InputStream in = resource.openStream()) {
            return read(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new SessionConfigException("session.properties at " + resource + " cannot be read (" + e + ").", e);
        }
    }

    private static Map<String, String> read(InputStream in) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Map<String, String> entries = new LinkedHashMap<>();
        for (String name : properties.stringPropertyNames()) {
            entries.put(name, properties.getProperty(name));
        }
        return entries;
    }
}
