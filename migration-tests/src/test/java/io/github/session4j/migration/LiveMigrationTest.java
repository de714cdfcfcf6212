package io.github.session4j.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The story of issue #21: an application on memcached with signed-in users is restarted on Redis
 * with {@code SESSION_MIGRATE_FROM} pointing at memcached. Every user keeps the session and its
 * data; a session ended after the switch (sign-out, or a new sign-in that regenerates the ID) does
 * not come back from the old store.
 */
class LiveMigrationTest {

    private static final List<String> USERS = List.of("ada", "bob", "cy", "dee", "eve");

    @TempDir
    Path dir;

    private final String prefix = "metrics21-live-" + UUID.randomUUID() + ":";

    @Test
    void memcachedToRedisKeepsEverySignedInUser() throws Exception {
        Map<String, Browser> browsers = new LinkedHashMap<>();
        try (ShopApp onMemcached = ShopApp.start(Store.MEMCACHED.manager(prefix, dir))) {
            for (String user : USERS) {
                Browser browser = new Browser(onMemcached.port());
                browser.post("/cart?item=" + user + "-book"); // shopping before signing in
                assertThat(browser.post("/login?user=" + user)).isEqualTo("welcome " + user);
                browsers.put(user, browser);
            }
        }
        Map<String, String> before = new LinkedHashMap<>();
        browsers.forEach((user, browser) -> before.put(user, browser.sessionId()));

        try (ShopApp onRedis = ShopApp.start(Store.REDIS.migratingFrom(Store.MEMCACHED, prefix, dir));
             var memcached = Store.MEMCACHED.manager(prefix, dir)) {
            assertThat(onRedis.manager().migratingFrom()).contains("memcached");
            browsers.values().forEach(b -> b.pointAt(onRedis.port()));
            String adaOnMemcached = new String(Store.stored(memcached, before.get("ada")).orElseThrow(), java.nio.charset.StandardCharsets.ISO_8859_1);

            // ada only reads: the session is moved, byte for byte
            assertThat(browsers.get("ada").get("/me")).isEqualTo("ada|ada-book");
            assertThat(Store.stored(onRedis.manager(), before.get("ada")).map(b -> new String(b, java.nio.charset.StandardCharsets.ISO_8859_1)))
                    .contains(adaOnMemcached);
            // bob changes his cart: moved with the change
            assertThat(browsers.get("bob").post("/cart?item=milk")).isEqualTo("bob-book,milk");
            assertThat(Store.stored(onRedis.manager(), before.get("bob"))).isPresent();
            // cy signs out without having been moved: gone from both stores
            browsers.get("cy").post("/logout");
            assertThat(Store.stored(memcached, before.get("cy"))).isEmpty();
            assertThat(Store.stored(onRedis.manager(), before.get("cy"))).isEmpty();
            // dee is moved, then signs out: gone from both
            assertThat(browsers.get("dee").get("/me")).isEqualTo("dee|dee-book");
            browsers.get("dee").post("/logout");
            assertThat(Store.stored(memcached, before.get("dee"))).isEmpty();
            assertThat(Store.stored(onRedis.manager(), before.get("dee"))).isEmpty();
            // eve signs in again: a new ID, and the old one is dead in both stores
            browsers.get("eve").post("/login?user=eve");
            assertThat(browsers.get("eve").sessionId()).isNotEqualTo(before.get("eve"));
            assertThat(Store.stored(memcached, before.get("eve"))).isEmpty();
            assertThat(browsers.get("eve").get("/me")).isEqualTo("eve|eve-book");

            // replayed old cookies of the ended sessions get nothing back from the old store
            for (String ended : List.of("cy", "dee", "eve")) {
                Browser replay = new Browser(onRedis.port());
                replay.useCookie(before.get(ended));
                assertThat(replay.get("/me")).as(ended).isEqualTo("null|null");
            }
            assertThat(browsers.get("cy").get("/me")).isEqualTo("null|null");
        }

        // after another restart, still migrating: everyone who did not sign out is still signed in
        try (ShopApp again = ShopApp.start(Store.REDIS.migratingFrom(Store.MEMCACHED, prefix, dir))) {
            browsers.values().forEach(b -> b.pointAt(again.port()));
            assertThat(browsers.get("ada").get("/me")).isEqualTo("ada|ada-book");
            assertThat(browsers.get("bob").get("/me")).isEqualTo("bob|bob-book,milk");
            assertThat(browsers.get("eve").get("/me")).isEqualTo("eve|eve-book");
            assertThat(browsers.get("dee").get("/me")).isEqualTo("null|null");
        }
        // and without SESSION_MIGRATE_FROM any more, Redis alone has everyone who was moved
        try (ShopApp redisOnly = ShopApp.start(Store.REDIS.manager(prefix, dir))) {
            browsers.values().forEach(b -> b.pointAt(redisOnly.port()));
            assertThat(browsers.get("ada").get("/me")).isEqualTo("ada|ada-book");
            assertThat(browsers.get("bob").get("/me")).isEqualTo("bob|bob-book,milk");
            assertThat(browsers.get("eve").get("/me")).isEqualTo("eve|eve-book");
        }
    }
}
