package io.github.session4j.benchmarks;

import java.time.Instant;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

/**
 * Spring Session, driven the way its {@code SessionRepositoryFilter} drives a repository: a request
 * that uses its session calls {@code findById}, sets the last access time, and at the end calls
 * {@code save} (which writes what changed).
 *
 * @param <S> the repository's session type
 */
final class SpringSessionTarget<S extends Session> implements SessionTarget {

    private final SessionRepository<S> repository;
    private final AutoCloseable resources;
    private final byte[] payload;

    /**
     * Wraps a repository.
     *
     * @param repository the repository
     * @param resources what to close after it (connection factory, pool)
     * @param size the size of {@code data}
     */
    SpringSessionTarget(SessionRepository<S> repository, AutoCloseable resources, int size) {
        this.repository = repository;
        this.resources = resources;
        this.payload = Payload.of(size);
    }

    @Override
    public String newSession() {
        S session = repository.createSession();
        session.setAttribute("data", payload);
        session.setAttribute("counter", 0L);
        repository.save(session);
        return session.getId();
    }

    @Override
    public int read(String id) {
        S session = found(id);
        byte[] data = session.getAttribute("data");
        repository.save(session);
        return data.length;
    }

    @Override
    public long modify(String id) {
        S session = found(id);
        long counter = session.<Long>getAttribute("counter") + 1;
        session.setAttribute("counter", counter);
        repository.save(session);
        return counter;
    }

    private S found(String id) {
        S session = repository.findById(id);
        if (session == null) {
            throw new IllegalStateException("Spring Session lost a session");
        }
        session.setLastAccessedTime(Instant.now());
        return session;
    }

    @Override
    public void close() {
        try {
            resources.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing Spring Session's resources failed", e);
        }
    }
}
