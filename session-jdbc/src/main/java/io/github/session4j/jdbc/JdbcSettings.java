package io.github.session4j.jdbc;

import io.github.session4j.CoreSettings;
import io.github.session4j.SessionConfig;
import io.github.session4j.SessionConfigException;
import io.github.session4j.config.CoreKeys;
import io.github.session4j.config.Parsers;
import io.github.session4j.config.Problems;
import io.github.session4j.config.Setting;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The validated {@code SESSION_JDBC_*} settings of one backend instance.
 *
 * <p>{@link #from} reads every key through {@link SessionConfig} and reports all problems in one
 * {@link SessionConfigException}. The password is never part of {@link #toString()} or of any
 * message.
 *
 * @param url the JDBC URL (only used when the backend builds its own pool)
 * @param user the database user, empty for none
 * @param password the database password, empty for none
 * @param table the validated table name
 * @param schema the validated schema (PostgreSQL, H2) or database (MariaDB/MySQL), empty for the
 *     connection's default
 * @param createTable whether to create the table and its index when missing
 * @param connectTimeout how long start-up and each request wait for a connection
 * @param statementTimeout how long one statement of a request may run before the driver cancels it
 *     (whole seconds, JDBC's unit; rounded up)
 * @param sweepInterval the period of the background sweeper, {@link Duration#ZERO} when it is off
 * @param sweepBatchSize how many expired rows one sweep statement deletes at most
 * @param sweepPause the pause between two batches of one sweep run
 * @param keyPrefix the core's {@code SESSION_KEY_PREFIX}, used to count this application's rows
 * @param deltaWrites the core's {@code SESSION_DELTA_WRITES}: the table must then have the
 *     {@code frames} column
 * @param principalIndexRequired the core's {@code SESSION_PRINCIPAL_INDEX=true}: the table must
 *     then have the {@code principal} column
 * @param pool the pass-through HikariCP settings
 */
record JdbcSettings(
        String url,
        String user,
        String password,
        String table,
        String schema,
        boolean createTable,
        Duration connectTimeout,
        Duration statementTimeout,
        Duration sweepInterval,
        int sweepBatchSize,
        Duration sweepPause,
        String keyPrefix,
        boolean deltaWrites,
        boolean principalIndexRequired,
        PoolSettings pool) {

    /** The JDBC URL; default: an H2 file database in the working directory. */
    public static final String URL = "SESSION_JDBC_URL";
    /** The database user. */
    public static final String USER = "SESSION_JDBC_USER";
    /** The database password; masked in every message. */
    public static final String PASSWORD = "SESSION_JDBC_PASSWORD";
    /** The table name; default {@code sessions}. */
    public static final String TABLE = "SESSION_JDBC_TABLE";
    /** The schema (PostgreSQL, H2) or database (MariaDB/MySQL) of the table. */
    public static final String SCHEMA = "SESSION_JDBC_SCHEMA";
    /** Whether to create the table when it is missing; default {@code true}. */
    public static final String CREATE_TABLE = "SESSION_JDBC_CREATE_TABLE";
    /** How long start-up and requests wait for a connection; default {@code 5s}. */
    public static final String CONNECT_TIMEOUT = "SESSION_JDBC_CONNECT_TIMEOUT";
    /** How long one statement of a request may run before it is cancelled and rolled back; default {@code 5s}. */
    public static final String STATEMENT_TIMEOUT = "SESSION_JDBC_STATEMENT_TIMEOUT";
    /** The period of the background sweeper, {@code 0} to turn it off; default {@code 5m}. */
    public static final String SWEEP_INTERVAL = "SESSION_JDBC_SWEEP_INTERVAL";
    /** Rows deleted per sweep statement; default {@code 500}. */
    public static final String SWEEP_BATCH_SIZE = "SESSION_JDBC_SWEEP_BATCH_SIZE";
    /** The pause between two sweep batches; default {@code 20ms}. */
    public static final String SWEEP_PAUSE = "SESSION_JDBC_SWEEP_PAUSE";

    /** The default URL: an H2 database in files {@code ./session4j-sessions.*}. */
    public static final String DEFAULT_URL = "jdbc:h2:file:./session4j-sessions";

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,47}");
    private static final Duration MIN_CONNECT_TIMEOUT = Duration.ofMillis(250);
    private static final int MAX_BATCH_SIZE = 10_000;

    private static final String IDENTIFIER_RULE = "it must be a plain SQL identifier: a letter or _ followed by up"
            + " to 47 letters, digits or _";

    private static final Setting<String> URL_SETTING = Setting.trimmed(URL).defaultValue(DEFAULT_URL)
            .doc("the JDBC URL").build();
    private static final Setting<String> USER_SETTING = Setting.string(USER).doc("the database user").build();
    private static final Setting<String> PASSWORD_SETTING = Setting.string(PASSWORD).secret()
            .doc("the database password").build();
    private static final Setting<Duration> CONNECT_TIMEOUT_SETTING = Setting.duration(CONNECT_TIMEOUT)
            .defaultValue(Duration.ofSeconds(5), "5s").check(d -> d.compareTo(MIN_CONNECT_TIMEOUT) >= 0,
                    "it must be at least 250ms")
            .doc("how long start-up and each request wait for a connection, at least 250ms").build();
    private static final Setting<Duration> STATEMENT_TIMEOUT_SETTING = Setting.duration(STATEMENT_TIMEOUT)
            .defaultValue(Duration.ofSeconds(5), "5s").check(d -> d.compareTo(Duration.ofSeconds(1)) >= 0,
                    "it must be at least 1s (JDBC's query timeout counts whole seconds)")
            .doc("how long one statement of a request may run before the driver cancels it and it is rolled back;"
                    + " whole seconds, at least 1s").build();
    private static final Setting<String> TABLE_SETTING = Setting.trimmed(TABLE).defaultValue("sessions")
            .check(v -> IDENTIFIER.matcher(v).matches(), IDENTIFIER_RULE).doc("the table name, a plain identifier").build();
    private static final Setting<String> SCHEMA_SETTING = Setting.trimmed(SCHEMA)
            .check(v -> IDENTIFIER.matcher(v).matches(), IDENTIFIER_RULE).defaultText("unset (the connection's default)")
            .doc("the schema (PostgreSQL, H2) or database (MariaDB/MySQL) of the table").build();
    private static final Setting<Boolean> CREATE_TABLE_SETTING = Setting.bool(CREATE_TABLE).defaultValue(true)
            .doc("create the table and its index when missing").build();
    private static final Setting<Duration> SWEEP_INTERVAL_SETTING = Setting.of(SWEEP_INTERVAL, JdbcSettings::interval)
            .defaultValue(Duration.ofMinutes(5), "5m").check(d -> !d.isNegative(), "it must be a positive duration,"
                    + " or 0 (or off) to turn the background sweeper off")
            .doc("period of the background sweeper; 0 or off turns it off").build();
    private static final Setting<Integer> SWEEP_BATCH_SIZE_SETTING = Setting.integer(SWEEP_BATCH_SIZE).defaultValue(500)
            .check(n -> n >= 1 && n <= MAX_BATCH_SIZE, "it must be between 1 and " + MAX_BATCH_SIZE)
            .doc("rows deleted per sweep statement (1 to 10000)").build();
    private static final Setting<Duration> SWEEP_PAUSE_SETTING = Setting.duration(SWEEP_PAUSE)
            .defaultValue(Duration.ofMillis(20), "20ms").check(d -> !d.isNegative(), "it must not be negative")
            .doc("pause between two batches of one sweep run").build();

    /**
     * The backend's own settings, described; the {@code SESSION_JDBC_POOL_*} pass-through keys
     * are listed by {@link #keys()}.
     */
    static final List<Setting<?>> SETTINGS = List.of(URL_SETTING, USER_SETTING, PASSWORD_SETTING,
            CONNECT_TIMEOUT_SETTING, STATEMENT_TIMEOUT_SETTING, TABLE_SETTING, SCHEMA_SETTING, CREATE_TABLE_SETTING, SWEEP_INTERVAL_SETTING,
            SWEEP_BATCH_SIZE_SETTING, SWEEP_PAUSE_SETTING);

    /**
     * Every key this backend reads: its own keys and one {@code SESSION_JDBC_POOL_*} key per
     * supported HikariCP property.
     *
     * @return the keys, in upper snake case
     */
    public static Set<String> keys() {
        Set<String> keys = new LinkedHashSet<>(CoreKeys.keysOf(SETTINGS));
        keys.addAll(PoolSettings.keys());
        return Set.copyOf(keys);
    }

    /**
     * Reads and validates the settings, with the core's key prefix and delta-writes switch.
     *
     * @param config the configuration
     * @param core the validated core settings
     * @return the settings
     * @throws SessionConfigException naming every invalid setting
     */
    public static JdbcSettings from(SessionConfig config, CoreSettings core) {
        return from(config, core.keyPrefix(), core.deltaWrites(), core.principalIndex().orElse(false));
    }

    /**
     * Reads and validates the settings, with {@code SESSION_PRINCIPAL_INDEX} unset.
     *
     * @param config the configuration
     * @param keyPrefix the core's {@code SESSION_KEY_PREFIX}
     * @param deltaWrites the core's {@code SESSION_DELTA_WRITES}
     * @return the settings
     * @throws SessionConfigException naming every invalid setting
     */
    static JdbcSettings from(SessionConfig config, String keyPrefix, boolean deltaWrites) {
        return from(config, keyPrefix, deltaWrites, false);
    }

    /**
     * Reads and validates the settings.
     *
     * @param config the configuration
     * @param keyPrefix the core's {@code SESSION_KEY_PREFIX}
     * @param deltaWrites the core's {@code SESSION_DELTA_WRITES}
     * @param principalIndexRequired the core's {@code SESSION_PRINCIPAL_INDEX=true}
     * @return the settings
     * @throws SessionConfigException naming every invalid setting
     */
    static JdbcSettings from(SessionConfig config, String keyPrefix, boolean deltaWrites, boolean principalIndexRequired) {
        Problems problems = new Problems();
        String url = URL_SETTING.read(config, problems);
        String user = Optional.ofNullable(USER_SETTING.read(config, problems)).orElse("");
        String password = Optional.ofNullable(PASSWORD_SETTING.read(config, problems)).orElse("");
        if (!url.startsWith("jdbc:")) {
            problems.add(URL + " was '" + UrlMasking.mask(url, password)
                    + "' but it must be a JDBC URL starting with jdbc:, such as jdbc:postgresql://localhost:5432/app");
        }
        if (url.toUpperCase(Locale.ROOT).contains("IGNORECASE=TRUE")) {
            problems.add(URL + " sets IGNORECASE=TRUE, which would make H2 compare session keys"
                    + " case-insensitively; remove it (session keys must match byte for byte)");
        }
        String table = TABLE_SETTING.read(config, problems);
        String schema = Optional.ofNullable(SCHEMA_SETTING.read(config, problems)).orElse("");
        boolean createTable = CREATE_TABLE_SETTING.read(config, problems);
        Duration connectTimeout = CONNECT_TIMEOUT_SETTING.read(config, problems);
        Duration statementTimeout = STATEMENT_TIMEOUT_SETTING.read(config, problems);
        Duration sweepInterval = SWEEP_INTERVAL_SETTING.read(config, problems);
        int batchSize = SWEEP_BATCH_SIZE_SETTING.read(config, problems);
        Duration sweepPause = SWEEP_PAUSE_SETTING.read(config, problems);
        PoolSettings pool = PoolSettings.from(config, problems);
        problems.throwIfAny(Problems.heading("jdbc"));
        return new JdbcSettings(url, user, password, table, schema,
                createTable, connectTimeout, statementTimeout, sweepInterval, batchSize, sweepPause, keyPrefix, deltaWrites,
                principalIndexRequired, pool);
    }

    /**
     * The statement timeout in JDBC's unit, whole seconds, rounded up.
     *
     * @return at least 1
     */
    int statementTimeoutSeconds() {
        long millis = statementTimeout.toMillis();
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, (millis + 999) / 1000));
    }

    /**
     * The URL with any password in it masked, for messages.
     *
     * @return the masked URL
     */
    public String maskedUrl() {
        return UrlMasking.mask(url, secrets());
    }

    /**
     * The passwords that messages must never show: the configured one and any in the URL.
     *
     * @return the secrets
     */
    List<String> secrets() {
        return UrlMasking.secrets(url, password);
    }

    /**
     * The table name as used in SQL: {@code schema.table}, or {@code table} when no schema is set.
     *
     * @return the qualified name
     */
    public String qualifiedTable() {
        return schema.isEmpty() ? table : schema + "." + table;
    }

    @Override
    public String toString() {
        return "JdbcSettings[url=" + maskedUrl() + ", user=" + user + ", password="
                + (password.isEmpty() ? "" : UrlMasking.MASK) + ", table=" + qualifiedTable()
                + ", createTable=" + createTable + ", connectTimeout=" + connectTimeout
                + ", statementTimeout=" + statementTimeout
                + ", sweepInterval=" + sweepInterval + ", sweepBatchSize=" + sweepBatchSize
                + ", sweepPause=" + sweepPause + ", deltaWrites=" + deltaWrites
                + ", principalIndexRequired=" + principalIndexRequired + ", pool=" + pool + "]";
    }

    /** The sweep interval; {@code 0} and {@code off} turn the background sweeper off. */
    private static Duration interval(String raw) {
        String v = raw.trim();
        return v.equals("0") || v.equalsIgnoreCase("off") ? Duration.ZERO : Parsers.duration(v);
    }
}
