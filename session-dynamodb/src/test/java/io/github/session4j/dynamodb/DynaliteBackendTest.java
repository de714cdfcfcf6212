package io.github.session4j.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.servers.DynaliteServer;
import io.github.session4j.servers.TestServers;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/** The backend's contract against dynalite, the mandatory run (DESIGN.md §7). */
class DynaliteBackendTest extends DynamoDbBackendContractTest {

    @Override
    String endpoint() {
        return TestServers.dynalite().endpoint();
    }

    @Override
    String region() {
        return DynaliteServer.REGION;
    }

    /**
     * dynalite 4.0.0 has no {@code UpdateTimeToLive} (an unknown operation there) and describes
     * every table's TTL as {@code DISABLED}: start-up logs that and goes on, since every read
     * filters on the expiry anyway.
     */
    @Override
    void assertTtlAfterCreation(TimeToLiveDescription ttl) {
        assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.DISABLED);
    }
}
