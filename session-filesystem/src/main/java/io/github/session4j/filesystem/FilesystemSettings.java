package io.github.session4j.filesystem;

import io.github.session4j.SessionConfig;
import io.github.session4j.SessionConfigException;
import io.github.session4j.config.Problems;
import io.github.session4j.config.Setting;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The validated settings of the filesystem backend, read only through {@link SessionConfig}.
 *
 * @param directory the session directory ({@code SESSION_FILE_DIR}), absolute and normalized
 * @param fileMode the permissions of session files ({@code SESSION_FILE_MODE})
 * @param directoryMode the permissions of the session directory and its shard directories: the
 *     file mode plus the search bit wherever the file mode grants read
 * @param threshold the most session files kept ({@code SESSION_FILE_THRESHOLD}), 0 for no limit
 * @param sweepInterval how often the background sweeper runs ({@code SESSION_FILE_SWEEP_INTERVAL}),
 *     zero to run no background sweeper
 * @param keyPrefix the core's {@code SESSION_KEY_PREFIX}, for counting live sessions
 */
record FilesystemSettings(
        Path directory,
        Set<PosixFilePermission> fileMode,
        Set<PosixFilePermission> directoryMode,
        long threshold,
        Duration sweepInterval,
        String keyPrefix) {

    static final String DIR = "SESSION_FILE_DIR";
    static final String MODE = "SESSION_FILE_MODE";
    static final String THRESHOLD = "SESSION_FILE_THRESHOLD";
    static final String SWEEP_INTERVAL = "SESSION_FILE_SWEEP_INTERVAL";

    static final String DEFAULT_DIR = "./flask_session";
    static final String DEFAULT_MODE = "0600";
    static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofMinutes(1);

    private static final Pattern OCTAL_MODE = Pattern.compile("0?[0-7]{3}");

    /** The order of {@link PosixFilePermission}'s constants is the order of the bits in a mode, high to low. */
    private static final PosixFilePermission[] BITS = PosixFilePermission.values();

    private static final Setting<Path> DIR_SETTING = Setting.of(DIR, FilesystemSettings::directory)
            .defaultValue(directory(DEFAULT_DIR), DEFAULT_DIR).doc("the session directory, created when missing").build();
    private static final Setting<String> MODE_SETTING = Setting.string(MODE).defaultValue(DEFAULT_MODE)
            .doc("octal mode of session files").build();
    private static final Setting<Long> THRESHOLD_SETTING = Setting.of(THRESHOLD, FilesystemSettings::threshold)
            .defaultValue(0L, "unset (no limit)").doc("the most session files kept").build();
    private static final Setting<Duration> SWEEP_INTERVAL_SETTING = Setting.duration(SWEEP_INTERVAL)
            .defaultValue(DEFAULT_SWEEP_INTERVAL, "1m")
            .check(d -> !d.isNegative(), "it must not be negative; use 0s to run no background sweeper")
            .doc("how often a background thread deletes expired files; 0s runs none").build();

    /** Every setting this backend reads. */
    static final List<Setting<?>> SETTINGS = List.of(DIR_SETTING, MODE_SETTING, THRESHOLD_SETTING, SWEEP_INTERVAL_SETTING);

    /**
     * Reads and validates every setting, reporting all problems together.
     *
     * @param config the configuration
     * @param keyPrefix the core's {@code SESSION_KEY_PREFIX}
     * @return the settings
     * @throws SessionConfigException naming every invalid setting
     */
    static FilesystemSettings from(SessionConfig config, String keyPrefix) {
        Problems problems = new Problems();
        Path directory = readDirectory(config, problems);
        Set<PosixFilePermission> fileMode = parseMode(MODE_SETTING.read(config, problems), problems);
        long threshold = THRESHOLD_SETTING.read(config, problems);
        Duration interval = SWEEP_INTERVAL_SETTING.read(config, problems);
        problems.throwIfAny(Problems.heading("filesystem"));
        return new FilesystemSettings(directory, fileMode, directoryModeFor(fileMode), threshold, interval, keyPrefix);
    }

    /**
     * Formats permissions as an octal mode such as {@code 0600}.
     *
     * @param permissions the permissions
     * @return the octal mode
     */
    static String octal(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (int i = 0; i < BITS.length; i++) {
            if (permissions.contains(BITS[i])) {
                mode |= 1 << (BITS.length - 1 - i);
            }
        }
        return String.format("%04o", mode);
    }

    /** The directory, or null after a problem (start-up stops then). */
    private static Path readDirectory(SessionConfig config, Problems problems) {
        return problems.read(() -> DIR_SETTING.read(config), null);
    }

    private static Path directory(String value) {
        try {
            return Path.of(value).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("it is not a valid path: " + e.getReason(), e);
        }
    }

    private static Set<PosixFilePermission> parseMode(String value, Problems problems) {
        String v = value.trim();
        if (!OCTAL_MODE.matcher(v).matches()) {
            problems.add(MODE + " was '" + value + "' but it must be an octal file mode such as 0600");
            return null;
        }
        int mode = Integer.parseInt(v, 8);
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        for (int i = 0; i < BITS.length; i++) {
            if ((mode & (1 << (BITS.length - 1 - i))) != 0) {
                permissions.add(BITS[i]);
            }
        }
        if (!permissions.containsAll(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE))) {
            problems.add(MODE + " was '" + value + "' but the owner must be able to read and write session files, as in 0600");
        }
        if (permissions.contains(PosixFilePermission.GROUP_WRITE) || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
            problems.add(MODE + " was '" + value + "' but session files must not be writable by group or others (anyone"
                    + " who can write them can forge sessions); use 0600 or 0640");
        }
        return permissions;
    }

    private static long threshold(String value) {
        try {
            long threshold = Long.parseLong(value.trim());
            if (threshold > 0) {
                return threshold;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("it must be a positive number of sessions; leave it unset for no limit");
    }

    /** Directories get the search bit wherever files get read: 0600 becomes 0700, 0640 becomes 0750. */
    private static Set<PosixFilePermission> directoryModeFor(Set<PosixFilePermission> fileMode) {
        Set<PosixFilePermission> mode = EnumSet.copyOf(fileMode);
        mode.add(PosixFilePermission.OWNER_EXECUTE);
        if (fileMode.contains(PosixFilePermission.GROUP_READ)) {
            mode.add(PosixFilePermission.GROUP_EXECUTE);
        }
        if (fileMode.contains(PosixFilePermission.OTHERS_READ)) {
            mode.add(PosixFilePermission.OTHERS_EXECUTE);
        }
        return mode;
    }
}
