package io.github.session4j.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits failed sign-ins per user name and per client address within a window: past the limit,
 * sign-in is refused (even with the right password) until the oldest failure leaves the window,
 * and the answer says when with {@code Retry-After}. Kept in this JVM: one demo instance. A
 * success clears the user name's failures, not the address's.
 */
final class SignInThrottle {

    /** Failures allowed per user name within the window. */
    static final int PER_USER = 5;
    /** Failures allowed per address within the window (several users behind one NAT). */
    static final int PER_ADDRESS = 20;
    /** The window. */
    static final Duration WINDOW = Duration.ofMinutes(15);
    /** Tracked names and addresses at most; beyond, the oldest entries are forgotten. */
    private static final int MAX_TRACKED = 100_000;

    private final Clock clock;
    private final Map<String, Deque<Instant>> byUser = new ConcurrentHashMap<>();
    private final Map<String, Deque<Instant>> byAddress = new ConcurrentHashMap<>();

    SignInThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long this user name or address must wait before trying again; empty when it may try now. */
    Optional<Duration> retryAfter(String user, String address) {
        Instant now = clock.instant();
        Optional<Duration> forUser = wait(byUser, userKey(user), PER_USER, now);
        Optional<Duration> forAddress = wait(byAddress, address, PER_ADDRESS, now);
        if (forUser.isPresent() && forAddress.isPresent()) {
            return Optional.of(forUser.get().compareTo(forAddress.get()) > 0 ? forUser.get() : forAddress.get());
        }
        return forUser.isPresent() ? forUser : forAddress;
    }

    /** Records a failed sign-in. */
    void failed(String user, String address) {
        Instant now = clock.instant();
        record(byUser, userKey(user), now);
        record(byAddress, address, now);
    }

    /** Clears the user name's failures after a successful sign-in. */
    void succeeded(String user) {
        byUser.remove(userKey(user));
    }

    private static String userKey(String user) {
        return user == null ? "" : user.trim().toLowerCase(Locale.ROOT);
    }

    private static Optional<Duration> wait(Map<String, Deque<Instant>> failures, String key, int limit, Instant now) {
        Deque<Instant> times = failures.get(key);
        if (times == null) {
            return Optional.empty();
        }
        synchronized (times) {
            prune(times, now);
            if (times.size() < limit) {
                return Optional.empty();
            }
            Duration left = Duration.between(now, times.peekFirst().plus(WINDOW));
            return Optional.of(left.isNegative() ? Duration.ZERO : left);
        }
    }

    private static void record(Map<String, Deque<Instant>> failures, String key, Instant now) {
        if (failures.size() >= MAX_TRACKED) {
            failures.clear(); // bounded memory; a flood of names resets the counts, never grows the heap
        }
        Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            prune(times, now);
            times.addLast(now);
        }
    }

    private static void prune(Deque<Instant> times, Instant now) {
        while (!times.isEmpty() && !times.peekFirst().plus(WINDOW).isAfter(now)) {
            times.removeFirst();
        }
    }
}
