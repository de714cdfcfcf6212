package io.github.session4j.dynamodb;

import io.github.session4j.SessionConfig;
import io.github.session4j.config.Problems;
import io.github.session4j.config.Secrets;
import io.github.session4j.config.Setting;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The validated settings of the DynamoDB backend. Built by {@link #from(SessionConfig, String)},
 * which reports every invalid setting at once. Credentials are no setting: they come from the
 * SDK's default provider chain and never appear in a message.
 *
 * @param endpoint {@code SESSION_DYNAMODB}: the endpoint URL, or empty for the SDK's default
 *     endpoint of the region
 * @param table {@code SESSION_DYNAMODB_TABLE}: the table's name
 * @param region {@code SESSION_DYNAMODB_REGION}, or empty for the SDK's default region chain
 * @param timeout {@code SESSION_DYNAMODB_TIMEOUT}: the bound of one call, its retries included
 * @param connectTimeout {@code SESSION_DYNAMODB_CONNECT_TIMEOUT}: the bound of opening one connection
 * @param maxAttempts {@code SESSION_DYNAMODB_MAX_ATTEMPTS}: attempts of one call (1 = no retry)
 * @param createTable {@code SESSION_DYNAMODB_CREATE_TABLE}: create the table and enable its TTL at
 *     start-up when missing, instead of only checking them
 * @param keyPrefix {@code SESSION_KEY_PREFIX}, which scopes counting and sweeping
 */
record DynamoDbSettings(
        Optional<URI> endpoint,
        String table,
        Optional<String> region,
        Duration timeout,
        Duration connectTimeout,
        int maxAttempts,
        boolean createTable,
        String keyPrefix) {

    static final String DEFAULT_TABLE = "Sessions";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(1);
    static final int DEFAULT_MAX_ATTEMPTS = 3;

    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z0-9_.-]{3,255}");
    private static final Pattern REGION_NAME = Pattern.compile("[a-z]{2}(-[a-z0-9]+){1,4}");
    private static final String POSITIVE = "it must be a positive duration of at least 1ms, such as 500ms or 2s,"
            + " and at most 1h";

    static final Setting<String> DYNAMODB = Setting.trimmed("SESSION_DYNAMODB")
            .defaultText("unset: the SDK's endpoint for the region")
            .doc("the endpoint URL, such as http://127.0.0.1:4567 for dynalite").build();
    static final Setting<String> TABLE = Setting.trimmed("SESSION_DYNAMODB_TABLE").defaultValue(DEFAULT_TABLE)
            .check(v -> TABLE_NAME.matcher(v).matches(),
                    "a DynamoDB table name must be 3 to 255 characters of A-Z, a-z, 0-9, '_', '-' and '.'")
            .doc("the table of session items").build();
    static final Setting<String> REGION = Setting.of("SESSION_DYNAMODB_REGION", v -> v.trim().toLowerCase(Locale.ROOT))
            .defaultText("unset: the SDK's region chain (AWS_REGION, the profile, the instance)")
            .check(v -> REGION_NAME.matcher(v).matches(), "it must be an AWS region name such as eu-west-1")
            .doc("the AWS region of the table").build();
    static final Setting<Duration> TIMEOUT = Setting.duration("SESSION_DYNAMODB_TIMEOUT")
            .defaultValue(DEFAULT_TIMEOUT, "2s").check(DynamoDbSettings::inRange, POSITIVE)
            .doc("bound of one call, retries included; also the socket read timeout").build();
    static final Setting<Duration> CONNECT_TIMEOUT = Setting.duration("SESSION_DYNAMODB_CONNECT_TIMEOUT")
            .defaultValue(DEFAULT_CONNECT_TIMEOUT, "1s").check(DynamoDbSettings::inRange, POSITIVE)
            .doc("bound of opening one connection").build();
    static final Setting<Integer> MAX_ATTEMPTS = Setting.integer("SESSION_DYNAMODB_MAX_ATTEMPTS")
            .defaultValue(DEFAULT_MAX_ATTEMPTS, "3").check(v -> v >= 1 && v <= 10, "it must be from 1 (no retry) to 10")
            .doc("attempts of one call, with the SDK's backoff between them").build();
    static final Setting<Boolean> CREATE_TABLE = Setting.bool("SESSION_DYNAMODB_CREATE_TABLE").defaultValue(true)
            .doc("create the table (on-demand) and enable its TTL at start-up if missing").build();

    /** Every setting this backend reads. */
    static final List<Setting<?>> SETTINGS = List.of(DYNAMODB, TABLE, REGION, TIMEOUT, CONNECT_TIMEOUT, MAX_ATTEMPTS,
            CREATE_TABLE);

    /**
     * Reads and validates the backend's settings.
     *
     * @param config the configuration
     * @param keyPrefix the core's {@code SESSION_KEY_PREFIX}
     * @return the settings
     * @throws io.github.session4j.SessionConfigException naming every invalid setting, one per line
     */
    static DynamoDbSettings from(SessionConfig config, String keyPrefix) {
        Problems problems = new Problems();
        Optional<URI> endpoint = Optional.ofNullable(DYNAMODB.read(config, problems)).filter(v -> !v.isEmpty())
                .flatMap(v -> endpoint(problems, v));
        String table = TABLE.read(config, problems);
        Optional<String> region = Optional.ofNullable(REGION.read(config, problems));
        Duration timeout = TIMEOUT.read(config, problems);
        Duration connectTimeout = CONNECT_TIMEOUT.read(config, problems);
        int maxAttempts = MAX_ATTEMPTS.read(config, problems);
        boolean createTable = CREATE_TABLE.read(config, problems);
        problems.throwIfAny(Problems.heading(DynamoDbSessionInterfaceProvider.NAME));
        return new DynamoDbSettings(endpoint, table, region, timeout, connectTimeout, maxAttempts, createTable,
                keyPrefix);
    }

    /**
     * Where the sessions live, for messages: the table, the endpoint (password masked, though an
     * endpoint has none) and the region.
     *
     * @return such as {@code table Sessions at http://127.0.0.1:4567 (region us-east-1)}
     */
    String describe() {
        return "table " + table + endpoint.map(e -> " at " + Secrets.maskUriPasswords(e.toString())).orElse("")
                + region.map(r -> " (region " + r + ")").orElse(endpoint.isEmpty() ? " (the SDK's region)" : "");
    }

    private static Optional<URI> endpoint(Problems problems, String raw) {
        String shown = Secrets.maskUriPasswords(raw);
        try {
            URI uri = new URI(raw);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && uri.getUserInfo() == null
                    && (uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/"))
                    && uri.getQuery() == null && uri.getFragment() == null) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        problems.add(DYNAMODB + " was '" + shown + "' but it must be an endpoint URL such as http://127.0.0.1:4567"
                + " or https://dynamodb.eu-west-1.amazonaws.com: http or https, a host, an optional port, no path,"
                + " no user; leave it unset for the SDK's endpoint of the region");
        return Optional.empty();
    }

    private static boolean inRange(Duration value) {
        return value.toMillis() >= 1 && value.compareTo(Duration.ofHours(1)) <= 0;
    }
}
