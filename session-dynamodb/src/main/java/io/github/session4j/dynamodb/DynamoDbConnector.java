package io.github.session4j.dynamodb;

import io.github.session4j.CoreSettings;
import io.github.session4j.SessionBackendException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * Opens the backend: builds the SDK's client from the settings (the JDK's HTTP client, the
 * timeouts, a bounded retry strategy, the default credentials chain), then checks the table within
 * those timeouts: its key schema and its TTL, creating the table (on-demand) and enabling the TTL
 * where {@code SESSION_DYNAMODB_CREATE_TABLE} allows.
 */
final class DynamoDbConnector {

    /** The {@code SESSION_MAX_SIZE} that leaves room in a DynamoDB item for the key and attributes. */
    static final String RECOMMENDED_MAX_SIZE = "399KB";

    private static final System.Logger LOG = System.getLogger(DynamoDbSessionInterface.class.getName());

    /** How long start-up waits for a table that is being created to become active. */
    private static final Duration TABLE_WAIT = Duration.ofMinutes(2);
    private static final long POLL_MILLIS = 200;

    private DynamoDbConnector() {
    }

    /**
     * Connects and prepares the table.
     *
     * @param settings the validated settings
     * @param core the core settings, for {@code SESSION_MAX_SIZE} and {@code SESSION_CLEANUP_N_REQUESTS}
     * @param clock the clock of every expiry decision
     * @return the ready backend
     * @throws SessionBackendException when DynamoDB does not answer in time, refuses the credentials,
     *     or the table is missing or unfit and may not be created or fixed
     */
    static DynamoDbSessionInterface open(DynamoDbSettings settings, CoreSettings core, Clock clock) {
        DynamoDbFailures failures = new DynamoDbFailures(settings);
        DynamoDbClient client = client(settings);
        try {
            prepareTable(client, settings, core, failures);
            warnAboutMaxSize(settings, core);
            return new DynamoDbSessionInterface(client, settings, failures, clock);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /**
     * The SDK's client: the endpoint and region when given (the SDK's chains otherwise), the
     * {@code HttpURLConnection} client with the connect and read timeouts, the whole call bounded by
     * {@code SESSION_DYNAMODB_TIMEOUT}, and the standard retry strategy (backoff with jitter, a
     * token bucket that stops retrying when most calls fail) cut to {@code SESSION_DYNAMODB_MAX_ATTEMPTS}.
     *
     * @param settings the validated settings
     * @return the client
     * @throws SessionBackendException when no region is given and the SDK's chain finds none
     */
    static DynamoDbClient client(DynamoDbSettings settings) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(settings.connectTimeout())
                        .socketTimeout(settings.timeout()))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(settings.timeout())
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(settings.maxAttempts()).build())
                        .build());
        settings.endpoint().ifPresent(builder::endpointOverride);
        settings.region().ifPresent(r -> builder.region(Region.of(r)));
        try {
            return builder.build();
        } catch (SdkClientException e) {
            throw new SessionBackendException("DynamoDB's client could not start for " + settings.describe() + ": "
                    + e.getMessage() + ". Set " + DynamoDbSettings.REGION + " (such as eu-west-1), or AWS_REGION", e);
        }
    }

    private static void prepareTable(DynamoDbClient client, DynamoDbSettings settings, CoreSettings core,
                                     DynamoDbFailures failures) {
        TableDescription table = describe(client, settings, failures);
        if (table == null) {
            if (!settings.createTable()) {
                throw new SessionBackendException("DynamoDB has no " + settings.describe() + " and "
                        + DynamoDbSettings.CREATE_TABLE + " is false. Create it: " + createTableCommand(settings)
                        + ", then " + ttlCommand(settings) + "; or set " + DynamoDbSettings.CREATE_TABLE + "=true");
            }
            create(client, settings, failures);
            table = describe(client, settings, failures);
        }
        checkKeySchema(table, settings);
        if (table.tableStatus() != TableStatus.ACTIVE) {
            table = awaitActive(client, settings, failures);
        }
        prepareTtl(client, settings, core, failures);
    }

    private static TableDescription describe(DynamoDbClient client, DynamoDbSettings settings, DynamoDbFailures failures) {
        return call(failures, "describe the table at start-up", () -> {
            try {
                return client.describeTable(b -> b.tableName(settings.table())).table();
            } catch (ResourceNotFoundException e) {
                return null;
            }
        });
    }

    private static void create(DynamoDbClient client, DynamoDbSettings settings, DynamoDbFailures failures) {
        call(failures, "create the table at start-up", () -> {
            try {
                client.createTable(b -> b.tableName(settings.table())
                        .attributeDefinitions(AttributeDefinition.builder().attributeName(SessionItem.ID)
                                .attributeType(ScalarAttributeType.S).build())
                        .keySchema(KeySchemaElement.builder().attributeName(SessionItem.ID).keyType(KeyType.HASH).build())
                        .billingMode(BillingMode.PAY_PER_REQUEST));
                LOG.log(Level.INFO, "Created the DynamoDB " + settings.describe() + " (on-demand capacity)");
            } catch (ResourceInUseException e) {
                // another instance is creating it right now: wait for it below like for our own
            }
            return null;
        });
    }

    private static void checkKeySchema(TableDescription table, DynamoDbSettings settings) {
        List<KeySchemaElement> keys = table.keySchema();
        boolean hashOnId = keys.size() == 1 && keys.get(0).keyType() == KeyType.HASH
                && keys.get(0).attributeName().equals(SessionItem.ID);
        boolean idIsString = table.attributeDefinitions().stream().anyMatch(a -> a.attributeName().equals(SessionItem.ID)
                && a.attributeType() == ScalarAttributeType.S);
        if (!hashOnId || !idIsString) {
            throw new SessionBackendException("DynamoDB's " + settings.describe() + " has the key schema "
                    + describeKeys(table) + " but session items need a partition key '" + SessionItem.ID
                    + "' of type S and no sort key. Name another table in " + DynamoDbSettings.TABLE
                    + " (it is created for you with " + DynamoDbSettings.CREATE_TABLE + "=true), or create one: "
                    + createTableCommand(settings));
        }
    }

    private static String describeKeys(TableDescription table) {
        StringBuilder text = new StringBuilder("[");
        for (KeySchemaElement key : table.keySchema()) {
            String type = table.attributeDefinitions().stream().filter(a -> a.attributeName().equals(key.attributeName()))
                    .map(a -> a.attributeTypeAsString()).findFirst().orElse("?");
            text.append(text.length() > 1 ? ", " : "").append(key.attributeName()).append(' ')
                    .append(key.keyTypeAsString()).append(' ').append(type);
        }
        return text.append(']').toString();
    }

    private static TableDescription awaitActive(DynamoDbClient client, DynamoDbSettings settings,
                                                DynamoDbFailures failures) {
        long deadline = System.nanoTime() + TABLE_WAIT.toNanos();
        while (true) {
            TableDescription table = describe(client, settings, failures);
            if (table != null && table.tableStatus() == TableStatus.ACTIVE) {
                return table;
            }
            if (System.nanoTime() > deadline) {
                throw new SessionBackendException("DynamoDB's " + settings.describe() + " did not become ACTIVE within "
                        + DynamoDbFailures.format(TABLE_WAIT) + " of start-up (it is "
                        + (table == null ? "gone" : table.tableStatusAsString()) + "). Start again once it is ACTIVE");
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SessionBackendException("interrupted while waiting for DynamoDB's " + settings.describe()
                        + " to become ACTIVE", e);
            }
        }
    }

    private static void prepareTtl(DynamoDbClient client, DynamoDbSettings settings, CoreSettings core,
                                   DynamoDbFailures failures) {
        TimeToLiveDescription ttl = call(failures, "describe the table's TTL at start-up",
                () -> client.describeTimeToLive(b -> b.tableName(settings.table())).timeToLiveDescription());
        TimeToLiveStatus status = ttl == null || ttl.timeToLiveStatus() == null ? TimeToLiveStatus.DISABLED
                : ttl.timeToLiveStatus();
        boolean on = status == TimeToLiveStatus.ENABLED || status == TimeToLiveStatus.ENABLING;
        if (on && SessionItem.EXPIRATION.equals(ttl.attributeName())) {
            return;
        }
        if (on) {
            throw new SessionBackendException("DynamoDB's " + settings.describe() + " has its TTL on the attribute '"
                    + ttl.attributeName() + "' but session items keep their expiry in '" + SessionItem.EXPIRATION
                    + "' (a table has one TTL attribute): name a table of its own in " + DynamoDbSettings.TABLE);
        }
        boolean sweeping = core.cleanupNRequests().isPresent();
        if (!settings.createTable()) {
            if (sweeping) {
                LOG.log(Level.INFO, "The TTL of DynamoDB's " + settings.describe() + " is " + status
                        + ": expired items stay until the core's sweep (SESSION_CLEANUP_N_REQUESTS) deletes them");
                return;
            }
            throw new SessionBackendException("DynamoDB's " + settings.describe() + " has its TTL " + status
                    + ", so expired sessions would never be deleted. Enable it: " + ttlCommand(settings) + "; or set "
                    + DynamoDbSettings.CREATE_TABLE + "=true to let start-up enable it, or set SESSION_CLEANUP_N_REQUESTS"
                    + " so that the core sweeps expired items itself");
        }
        if (status == TimeToLiveStatus.DISABLING) {
            LOG.log(Level.WARNING, "The TTL of DynamoDB's " + settings.describe() + " is DISABLING and cannot be"
                    + " enabled again until that ends (up to an hour): enable it then with " + ttlCommand(settings)
                    + "; until then expired items stay (every read still ignores them)");
            return;
        }
        try {
            client.updateTimeToLive(b -> b.tableName(settings.table()).timeToLiveSpecification(
                    s -> s.enabled(true).attributeName(SessionItem.EXPIRATION)));
            LOG.log(Level.INFO, "Enabled the TTL of DynamoDB's " + settings.describe() + " on '"
                    + SessionItem.EXPIRATION + "'");
        } catch (AwsServiceException e) {
            if (!isUnknownOperation(e)) {
                throw failures.of("enable the table's TTL on '" + SessionItem.EXPIRATION + "' at start-up (or enable it"
                        + " yourself: " + ttlCommand(settings) + ")", e);
            }
            LOG.log(Level.WARNING, "The DynamoDB endpoint of " + settings.describe() + " has no TTL (UpdateTimeToLive"
                    + " is an unknown operation there, as on dynalite): expired items are never deleted by the store,"
                    + " though every read ignores them." + (sweeping ? " The core's sweep (SESSION_CLEANUP_N_REQUESTS)"
                    + " deletes them." : " Set SESSION_CLEANUP_N_REQUESTS so that the core sweeps them."));
        } catch (SdkException e) {
            throw failures.of("enable the table's TTL at start-up", e);
        }
    }

    private static boolean isUnknownOperation(AwsServiceException e) {
        return e.awsErrorDetails() != null && "UnknownOperationException".equals(e.awsErrorDetails().errorCode());
    }

    private static void warnAboutMaxSize(DynamoDbSettings settings, CoreSettings core) {
        long itemSize = SessionItem.itemSize(settings.keyPrefix() + "x".repeat(64), Math.toIntExact(
                Math.min(core.maxSize(), Integer.MAX_VALUE)));
        if (itemSize > SessionItem.MAX_ITEM_BYTES) {
            LOG.log(Level.INFO, "SESSION_MAX_SIZE is " + core.maxSize() + " bytes but a DynamoDB item holds at most "
                    + SessionItem.MAX_ITEM_BYTES + " bytes (400 KB): a session between the two is refused by the"
                    + " DynamoDB backend (SessionBackendException) rather than by the core (SessionEncodingException);"
                    + " set SESSION_MAX_SIZE=" + RECOMMENDED_MAX_SIZE + " to have the core refuse it");
        }
    }

    /**
     * The AWS CLI command that creates a fitting table.
     *
     * @param settings the settings
     * @return the command
     */
    static String createTableCommand(DynamoDbSettings settings) {
        return "aws dynamodb create-table --table-name " + settings.table() + " --attribute-definitions AttributeName="
                + SessionItem.ID + ",AttributeType=S --key-schema AttributeName=" + SessionItem.ID
                + ",KeyType=HASH --billing-mode PAY_PER_REQUEST";
    }

    /**
     * The AWS CLI command that enables the table's TTL on the expiry attribute.
     *
     * @param settings the settings
     * @return the command
     */
    static String ttlCommand(DynamoDbSettings settings) {
        return "aws dynamodb update-time-to-live --table-name " + settings.table()
                + " --time-to-live-specification Enabled=true,AttributeName=" + SessionItem.EXPIRATION;
    }

    private static <T> T call(DynamoDbFailures failures, String operation, Supplier<T> request) {
        try {
            return request.get();
        } catch (SdkException e) {
            throw failures.of(operation, e);
        }
    }
}
