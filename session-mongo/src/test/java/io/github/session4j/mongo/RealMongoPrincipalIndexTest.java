package io.github.session4j.mongo;

import org.junit.jupiter.api.Assumptions;

/**
 * The principal index against a real MongoDB, run when {@value RealMongo#VARIABLE} holds its
 * connection string; reported as skipped, with the reason, when it does not.
 */
class RealMongoPrincipalIndexTest extends MongoPrincipalIndexContractTest {

    @Override
    String connectionString() {
        Assumptions.assumeTrue(RealMongo.uri().isPresent(), RealMongo.NOT_SET);
        return RealMongo.uri().orElseThrow();
    }
}
