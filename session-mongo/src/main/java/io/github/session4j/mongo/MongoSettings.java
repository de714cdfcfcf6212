package io.github.session4j.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.WriteConcern;
import io.github.session4j.SessionConfig;
import io.github.session4j.config.CoreKeys;
import io.github.session4j.config.Problems;
import io.github.session4j.config.Secrets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
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
        String keyPrefix) {

    static final String MONGODB = "SESSION_MONGODB";
    static final String DB = "SESSION_MONGODB_DB";
    static final String COLLECT = "SESSION_MONGODB_COLLECT";
    static final String WRITE_CONCERN = "SESSION_MONGODB_WRITE_CONCERN";
    static final String CONNECT_TIMEOUT = "SESSION_MONGODB_CONNECT_TIMEOUT";
    static final String TIMEOUT = "SESSION_MONGODB_TIMEOUT";
    static final String CREATE_INDEXES = "SESSION_MONGODB_CREATE_INDEXES";

    /** Every key this backend reads. */
    static final Set<String> KEYS = Set.of(MONGODB, DB, COLLECT, WRITE_CONCERN, CONNECT_TIMEOUT, TIMEOUT, CREATE_INDEXES);

    static final String DEFAULT_DB = "flask_session";
    static final String DEFAULT_COLLECT = "sessions";
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private static final Pattern DATABASE_NAME = Pattern.compile("[^/\\\\. \"$*<>:|?\\x00]{1,63}");
    private static final Pattern WN = Pattern.compile("w([0-9]{1,2})");
    private static final Pattern AUTH_PROPERTIES = Pattern.compile("(?i)(authMechanismProperties=)[^&]*");
    private static final String WRITE_CONCERNS = "majority, acknowledged, journaled or w1, w2, ... (a number of members)";

    /**
     * Reads and validates the backend's settings.
     *
     * @param config the configuration
     * @return the settings
     * @throws io.github.session4j.SessionConfigException naming every invalid setting, one per line
     */
    static MongoSettings from(SessionConfig config) {
        Problems problems = new Problems();
        String raw = config.getString(MONGODB).map(String::trim).orElse("");
        String target = mask(raw);
        ConnectionString connection = raw.isEmpty() ? missing(problems) : parse(problems, raw, target);
        String database = config.getString(DB, DEFAULT_DB).trim();
        problems.check(DATABASE_NAME.matcher(database).matches(), () -> DB + " was '" + database
                + "' but a MongoDB database name must be 1 to 63 characters without /\\. \"$*<>:|?");
        String collection = config.getString(COLLECT, DEFAULT_COLLECT).trim();
        problems.check(isCollectionName(collection), () -> COLLECT + " was '" + collection
                + "' but a MongoDB collection name must not be empty, contain $ or start with 'system.'");
        WriteConcern writeConcern = writeConcern(problems, config, connection);
        Duration connectTimeout = timeout(problems, config, CONNECT_TIMEOUT,
                connection == null ? null : connection.getConnectTimeout(), DEFAULT_CONNECT_TIMEOUT);
        Duration timeout = timeout(problems, config, TIMEOUT,
                connection == null ? null : connection.getServerSelectionTimeout(), DEFAULT_TIMEOUT);
        boolean createIndexes = problems.read(() -> config.getBoolean(CREATE_INDEXES, true), true);
        problems.throwIfAny("Invalid MongoDB settings");
        String keyPrefix = config.getString(CoreKeys.SESSION_KEY_PREFIX, "session:");
        return new MongoSettings(connection, target, database, collection, writeConcern, connectTimeout, timeout,
                createIndexes, keyPrefix);
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
        String value = config.getString(WRITE_CONCERN).map(v -> v.trim().toLowerCase(Locale.ROOT)).orElse(null);
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

    private static Duration timeout(Problems problems, SessionConfig config, String key, Integer uriMillis,
                                    Duration defaultValue) {
        Duration fallback = uriMillis != null && uriMillis > 0 ? Duration.ofMillis(uriMillis) : defaultValue;
        Duration value = problems.read(() -> config.getDuration(key, fallback), fallback);
        if (value.toMillis() < 1 || value.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0) {
            problems.add(key + " was '" + config.getString(key, "") + "' but it must be a positive duration"
                    + " of at least 1ms, such as 500ms or 5s, and at most 24 days");
            return defaultValue;
        }
        return value;
    }
}
