package io.github.session4j.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.WriteConcern;
import io.github.session4j.SessionConfig;
import io.github.session4j.config.Problems;
import io.github.session4j.config.Secrets;
import io.github.session4j.config.Setting;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The validated settings of the MongoDB backend. Built by {@link #from(SessionConfig)}, which
 * reports every invalid setting at once.
 *
 * <p>Where a setting and an option of the connection string say the same thing, the setting
 * wins; when the setting is unset, the connection string's option wins over the default.
 *
 * @param connection the parsed {@code SESSION_MONGODB}
 * @param target {@code SESSION_MONGODB} with passwords masked, for messages
 * @param database the database that holds the collection
 * @param collection the collection of session documents
 * @param writeConcern the write concern of every write; always acknowledged
 * @param connectTimeout the bound for opening a TCP connection
 * @param timeout the bound for finding a usable server, for waiting on a pooled connection and
 *     for a reply
 * @param createIndexes whether start-up creates the TTL index on {@code expiresAt}
 * @param writeFence whether a save carries a deadline that the server checks against its own
 *     clock ({@code $$NOW}), so that a save the server runs after the client gave up changes nothing
 * @param keyPrefix {@code SESSION_KEY_PREFIX}, which scopes {@link MongoSessionInterface#countLive()}
 */
record MongoSettings(
        ConnectionString connection,
        String target,
        String database,
        String collection,
        WriteConcern writeConcern,
        Duration connectTimeout,
        Duration timeout,
        boolean createIndexes,
        boolean writeFence,
        String keyPrefix) {

    static final String DEFAULT_DB = "flask_session";
    static final String DEFAULT_COLLECT = "sessions";
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private static final Pattern DATABASE_NAME = Pattern.compile("[^/\\\\. \"$*<>:|?\\x00]{1,63}");

    static final Setting<String> MONGODB = Setting.trimmed("SESSION_MONGODB").defaultText("— (required)")
            .doc("the connection string: mongodb://... or mongodb+srv://...").build();
    static final Setting<String> DB = Setting.trimmed("SESSION_MONGODB_DB").defaultValue(DEFAULT_DB)
            .check(v -> DATABASE_NAME.matcher(v).matches(),
                    "a MongoDB database name must be 1 to 63 characters without /\\. \"$*<>:|?")
            .doc("the database that holds the collection").build();
    static final Setting<String> COLLECT = Setting.trimmed("SESSION_MONGODB_COLLECT").defaultValue(DEFAULT_COLLECT)
            .check(MongoSettings::isCollectionName,
                    "a MongoDB collection name must not be empty, contain $ or start with 'system.'")
            .doc("the collection of session documents").build();
    static final Setting<String> WRITE_CONCERN = Setting.of("SESSION_MONGODB_WRITE_CONCERN",
                    v -> v.trim().toLowerCase(Locale.ROOT)).defaultText("majority")
            .doc("majority, acknowledged, journaled, or w1, w2, ...; never unacknowledged").build();
    static final Setting<Duration> CONNECT_TIMEOUT = Setting.duration("SESSION_MONGODB_CONNECT_TIMEOUT")
            .defaultValue(DEFAULT_CONNECT_TIMEOUT, "5s").doc("bound for opening one TCP connection").build();
    static final Setting<Duration> TIMEOUT = Setting.duration("SESSION_MONGODB_TIMEOUT")
            .defaultValue(DEFAULT_TIMEOUT, "5s").doc("how long one operation may wait").build();
    static final Setting<Boolean> CREATE_INDEXES = Setting.bool("SESSION_MONGODB_CREATE_INDEXES").defaultValue(true)
            .doc("create the TTL index on expiresAt and the principal index at start-up").build();
    static final Setting<Boolean> WRITE_FENCE = Setting.bool("SESSION_MONGODB_WRITE_FENCE").defaultValue(true)
            .doc("a save carries a deadline the server checks with $$NOW (MongoDB 4.2+), so a save answered 503 changes nothing").build();

    /** Every setting this backend reads. */
    static final List<Setting<?>> SETTINGS = List.of(MONGODB, DB, COLLECT, WRITE_CONCERN, CONNECT_TIMEOUT, TIMEOUT,
            CREATE_INDEXES, WRITE_FENCE);
    private static final Pattern WN = Pattern.compile("w([0-9]{1,2})");
    private static final Pattern AUTH_PROPERTIES = Pattern.compile("(?i)(authMechanismProperties=)[^&]*");
    private static final String WRITE_CONCERNS = "majority, acknowledged, journaled or w1, w2, ... (a number of members)";

    /**
     * Reads and validates the backend's settings.
     *
     * @param config the configuration
     * @param keyPrefix the core's {@code SESSION_KEY_PREFIX}
     * @return the settings
     * @throws io.github.session4j.SessionConfigException naming every invalid setting, one per line
     */
    static MongoSettings from(SessionConfig config, String keyPrefix) {
        Problems problems = new Problems();
        String raw = config.getString(MONGODB.key()).map(String::trim).orElse("");
        String target = mask(raw);
        ConnectionString connection = raw.isEmpty() ? missing(problems) : parse(problems, raw, target);
        String database = DB.read(config, problems);
        String collection = COLLECT.read(config, problems);
        WriteConcern writeConcern = writeConcern(problems, config, connection);
        Duration connectTimeout = timeout(problems, config, CONNECT_TIMEOUT,
                connection == null ? null : connection.getConnectTimeout(), DEFAULT_CONNECT_TIMEOUT);
        Duration timeout = timeout(problems, config, TIMEOUT,
                connection == null ? null : connection.getServerSelectionTimeout(), DEFAULT_TIMEOUT);
        boolean createIndexes = CREATE_INDEXES.read(config, problems);
        boolean writeFence = WRITE_FENCE.read(config, problems);
        problems.throwIfAny(Problems.heading(MongoSessionInterfaceProvider.NAME));
        return new MongoSettings(connection, target, database, collection, writeConcern, connectTimeout, timeout,
                createIndexes, writeFence, keyPrefix);
    }

    /**
     * Masks the secrets of a connection string: the password of the user information and the
     * values of {@code authMechanismProperties} (which may carry a cloud session token).
     *
     * @param connectionString a connection string as configured
     * @return the same with secrets replaced by {@value Secrets#MASK}
     */
    static String mask(String connectionString) {
        return AUTH_PROPERTIES.matcher(Secrets.maskUriPasswords(connectionString)).replaceAll("$1" + Secrets.MASK);
    }

    /**
     * Where the sessions live, for messages.
     *
     * @return such as {@code flask_session.sessions at mongodb://user:****@host:27017}
     */
    String describe() {
        return database + "." + collection + " at " + target;
    }

    private static ConnectionString missing(Problems problems) {
        problems.add(MONGODB + " is not set: give the MongoDB connection string, such as mongodb://localhost:27017"
                + " or mongodb+srv://user:password@cluster.example.net; there is no default");
        return null;
    }

    private static ConnectionString parse(Problems problems, String raw, String target) {
        try {
            return new ConnectionString(raw);
        } catch (RuntimeException e) {
            problems.add(MONGODB + " was '" + target + "' but it is not a valid MongoDB connection string ("
                    + mask(String.valueOf(e.getMessage())) + "); expected a form such as"
                    + " mongodb://[user:password@]host[:port][,host2...][/authDatabase][?options]");
            return null;
        }
    }

    private static boolean isCollectionName(String name) {
        return !name.isEmpty() && name.indexOf('$') < 0 && name.indexOf('\0') < 0 && !name.startsWith("system.");
    }

    private static WriteConcern writeConcern(Problems problems, SessionConfig config, ConnectionString connection) {
        String value = WRITE_CONCERN.read(config, problems);
        if (value == null) {
            WriteConcern fromUri = connection == null ? null : connection.getWriteConcern();
            if (fromUri != null && !fromUri.isAcknowledged()) {
                problems.add(MONGODB + " asks for an unacknowledged write concern (w=0) but session writes must be"
                        + " acknowledged to tell a won save from a lost one: remove w=0 or set " + WRITE_CONCERN);
            }
            return fromUri != null ? fromUri : WriteConcern.MAJORITY;
        }
        var wn = WN.matcher(value);
        if (wn.matches() && Integer.parseInt(wn.group(1)) > 0) {
            return new WriteConcern(Integer.parseInt(wn.group(1)));
        }
        switch (value) {
            case "majority":
                return WriteConcern.MAJORITY;
            case "acknowledged":
                return WriteConcern.ACKNOWLEDGED;
            case "journaled":
                return WriteConcern.JOURNALED;
            case "w0":
            case "unacknowledged":
                problems.add(WRITE_CONCERN + " was '" + value + "' but session writes must be acknowledged to tell"
                        + " a won save from a lost one: use " + WRITE_CONCERNS);
                return WriteConcern.MAJORITY;
            default:
                problems.add(WRITE_CONCERN + " was '" + value + "' but it must be " + WRITE_CONCERNS);
                return WriteConcern.MAJORITY;
        }
    }

    private static Duration timeout(Problems problems, SessionConfig config, Setting<Duration> key, Integer uriMillis,
                                    Duration defaultValue) {
        Duration fallback = uriMillis != null && uriMillis > 0 ? Duration.ofMillis(uriMillis) : defaultValue;
        Duration value = problems.read(() -> key.find(config).orElse(fallback), fallback);
        if (value.toMillis() < 1 || value.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0) {
            problems.add(key + " was '" + config.getString(key.key(), "") + "' but it must be a positive duration"
                    + " of at least 1ms, such as 500ms or 5s, and at most 24 days");
            return defaultValue;
        }
        return value;
    }
}
