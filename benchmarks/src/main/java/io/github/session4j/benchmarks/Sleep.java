package io.github.session4j.benchmarks;

/** A sleep that turns an interrupt back into the thread's flag and an unchecked exception. */
final class Sleep {

    private Sleep() {
    }

    /**
     * Sleeps.
     *
     * @param millis how long
     */
    static void millis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
