package io.github.session4j.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.serializer.StringRedisSerializer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.session.data.redis.RedisIndexedSessionRepository;
import org.springframework.session.data.redis.RedisSessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Spring Session's repositories wired by hand the way its {@code @Enable...HttpSession}
 * configurations wire them (keys as strings, values with JDK serialization, one shared Lettuce
 * connection; a {@code REQUIRES_NEW} transaction template over a HikariCP pool), with the same
 * one-day idle lifetime as the other targets. The cleanup cron jobs are not started: they are not
 * part of a request.
 */
final class SpringTargets {

    private static final Duration LIFETIME = Duration.ofSeconds(RawRecord.TTL_SECONDS);

    private SpringTargets() {
    }

    /**
     * {@code RedisSessionRepository}: one hash per session.
     *
     * @param port Redis' port
     * @param size the size of {@code data}
     * @return the target
     */
    static SessionTarget redis(int port, int size) {
        LettuceConnectionFactory factory = connectionFactory(port);
        RedisSessionRepository repository = new RedisSessionRepository(template(factory));
        repository.setDefaultMaxInactiveInterval(LIFETIME);
        return new SpringSessionTarget<>(repository, factory::destroy, size);
    }

    /**
     * {@code RedisIndexedSessionRepository}: the hash plus the expiry and index keys it maintains.
     *
     * @param port Redis' port
     * @param size the size of {@code data}
     * @return the target
     */
    static SessionTarget redisIndexed(int port, int size) {
        LettuceConnectionFactory factory = connectionFactory(port);
        RedisIndexedSessionRepository repository = new RedisIndexedSessionRepository(template(factory));
        repository.setDefaultMaxInactiveInterval(LIFETIME);
        return new SpringSessionTarget<>(repository, factory::destroy, size);
    }

    /**
     * {@code JdbcIndexedSessionRepository} on PostgreSQL, its schema created from the script in
     * its jar when missing.
     *
     * @param postgres the database
     * @param size the size of {@code data}
     * @return the target
     */
    static SessionTarget jdbc(Postgres postgres, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.url());
        config.setUsername(postgres.user());
        config.setPoolName("spring-session-jdbc");
        HikariDataSource pool = new HikariDataSource(config);
        JdbcTemplate jdbc = new JdbcTemplate(pool);
        Integer tables = jdbc.queryForObject("SELECT count(*) FROM pg_tables WHERE tablename = 'spring_session'", Integer.class);
        if (tables == null || tables == 0) {
            jdbc.execute(schemaScript());
        }
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(pool));
        transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        JdbcIndexedSessionRepository repository = new JdbcIndexedSessionRepository(jdbc, transactions);
        repository.setDefaultMaxInactiveInterval(LIFETIME);
        return new SpringSessionTarget<>(repository, pool, size);
    }

    private static LettuceConnectionFactory connectionFactory(int port) {
        LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port));
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }

    private static RedisTemplate<String, Object> template(LettuceConnectionFactory factory) {
        RedisTemplate<String, Object> template = new RedisTemplate<>();
        template.setConnectionFactory(factory);
        template.setKeySerializer(StringRedisSerializer.UTF_8);
        template.setHashKeySerializer(StringRedisSerializer.UTF_8);
        template.afterPropertiesSet();
        return template;
    }

    private static String schemaScript() {
        try (InputStream in = JdbcIndexedSessionRepository.class.getResourceAsStream("schema-postgresql.sql")) {
            if (in == null) {
                throw new IllegalStateException("spring-session-jdbc's schema-postgresql.sql is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
