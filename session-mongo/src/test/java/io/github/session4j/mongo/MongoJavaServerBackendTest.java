package io.github.session4j.mongo;

/** The backend's contract against mongo-java-server, the mandatory run (DESIGN.md §7). */
class MongoJavaServerBackendTest extends MongoBackendContractTest {

    @Override
    String connectionString() {
        return MongoJavaServer.shared().connectionString();
    }
}
