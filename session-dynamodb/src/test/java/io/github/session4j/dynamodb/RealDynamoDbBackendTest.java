package io.github.session4j.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Assumptions;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * The backend's contract against a real DynamoDB, run when {@value TestTables#ENDPOINT} holds its
 * endpoint; reported as skipped, with the reason, when it does not.
 */
class RealDynamoDbBackendTest extends DynamoDbBackendContractTest {

    @Override
    String endpoint() {
        Assumptions.assumeTrue(TestTables.realEndpoint().isPresent(), TestTables.NOT_SET);
        return TestTables.realEndpoint().orElseThrow();
    }

    @Override
    String region() {
        return TestTables.realRegion();
    }

    /** DynamoDB enables the TTL start-up asked for, on {@code expiration}. */
    @Override
    void assertTtlAfterCreation(TimeToLiveDescription ttl) {
        assertThat(ttl.timeToLiveStatus()).isIn(TimeToLiveStatus.ENABLED, TimeToLiveStatus.ENABLING);
        assertThat(ttl.attributeName()).isEqualTo("expiration");
    }
}
