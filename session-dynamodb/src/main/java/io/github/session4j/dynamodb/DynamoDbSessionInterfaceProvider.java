package io.github.session4j.dynamodb;

import io.github.session4j.config.Setting;
import io.github.session4j.spi.BackendContext;
import io.github.session4j.spi.ExpirySweeper;
import io.github.session4j.spi.RecordScanner;
import io.github.session4j.spi.SessionCounter;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.spi.SessionInterfaceProvider;
import java.util.List;
import java.util.Set;

/**
 * Provides the {@code dynamodb} backend ({@code SESSION_TYPE=dynamodb}, Flask-Session's name):
 * sessions as items of an Amazon DynamoDB table, through the AWS SDK for Java v2.
 *
 * <p>Settings: {@code SESSION_DYNAMODB} (the endpoint URL; unset: the SDK's endpoint for the
 * region), {@code SESSION_DYNAMODB_TABLE} ({@code Sessions}), {@code SESSION_DYNAMODB_REGION}
 * (unset: the SDK's region chain), {@code SESSION_DYNAMODB_TIMEOUT} ({@code 2s}),
 * {@code SESSION_DYNAMODB_CONNECT_TIMEOUT} ({@code 1s}), {@code SESSION_DYNAMODB_MAX_ATTEMPTS}
 * ({@code 3}) and {@code SESSION_DYNAMODB_CREATE_TABLE} ({@code true}); credentials come from the
 * SDK's default provider chain. The module's README describes each.
 */
public final class DynamoDbSessionInterfaceProvider implements SessionInterfaceProvider {

    /** The name {@code SESSION_TYPE} selects. */
    public static final String NAME = "dynamodb";

    /** Creates the provider; does nothing else. */
    public DynamoDbSessionInterfaceProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String artifact() {
        return "io.github.session4j:session-dynamodb";
    }

    @Override
    public List<Setting<?>> settings() {
        return DynamoDbSettings.SETTINGS;
    }

    /**
     * What the DynamoDB backend can do besides load, write, delete and touch: count (a scan, for
     * admin tools) and sweep (for an endpoint or a table without TTL). It neither appends nor
     * revalidates.
     *
     * @return {@link SessionCounter}, {@link ExpirySweeper}
     */
    @Override
    public Set<Class<?>> capabilities() {
        return Set.of(SessionCounter.class, ExpirySweeper.class, RecordScanner.class);
    }

    /**
     * Validates the settings, builds the SDK's client, and checks the table within the timeouts:
     * creates it and enables its TTL unless {@code SESSION_DYNAMODB_CREATE_TABLE=false}, in which case
     * its key schema and TTL must already fit.
     *
     * @param context the configuration, the core settings and the clock
     * @return the backend, which the caller closes
     * @throws io.github.session4j.SessionConfigException naming every invalid setting
     * @throws io.github.session4j.SessionBackendException when DynamoDB cannot be reached in time,
     *     refuses the credentials, or the table is missing or unfit
     */
    @Override
    public SessionInterface create(BackendContext context) {
        return DynamoDbConnector.open(DynamoDbSettings.from(context.config(), context.core().keyPrefix()),
                context.core(), context.clock());
    }
}
