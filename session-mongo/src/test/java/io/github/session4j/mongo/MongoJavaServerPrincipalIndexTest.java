package io.github.session4j.mongo;

import io.github.session4j.servers.TestServers;

/** The principal index against mongo-java-server, the mandatory run (DESIGN.md §7). */
class MongoJavaServerPrincipalIndexTest extends MongoPrincipalIndexContractTest {

    @Override
    String connectionString() {
        return TestServers.mongo().connectionString();
    }
}
