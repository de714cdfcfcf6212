package io.github.session4j.mongo;

import io.github.session4j.servers.TestServers;
/** The backend's contract against mongo-java-server, the mandatory run (DESIGN.md §7). */
class MongoJavaServerBackendTest extends MongoBackendContractTest {

    @Override
    String connectionString() {
        return TestServers.mongo().connectionString();
    }
}
