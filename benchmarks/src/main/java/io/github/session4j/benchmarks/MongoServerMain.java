package io.github.session4j.benchmarks;

/**
 * mongo-java-server as a process of its own, for the demo's HTTP run ({@code scripts/bench.sh}):
 * prints its connection string and serves until killed.
 */
public final class MongoServerMain {

    private MongoServerMain() {
    }

    /**
     * Starts the server and waits.
     *
     * @param args none
     * @throws InterruptedException when interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        System.out.println(Servers.mongo().connectionString());
        System.out.flush();
        Thread.currentThread().join();
    }
}
