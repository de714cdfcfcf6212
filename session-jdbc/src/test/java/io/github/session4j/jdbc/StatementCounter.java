package io.github.session4j.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Counts the statements that JDBC code sends to the database: every {@code execute*} call on a
 * statement of a wrapped connection (one round trip each in auto-commit mode).
 */
final class StatementCounter {

    private final AtomicLong executed = new AtomicLong();

    /** Statements executed so far. */
    long count() {
        return executed.get();
    }

    /**
     * Wraps a data source so that the statements of its connections are counted.
     *
     * @param dataSource the real data source
     * @return the counting data source
     */
    DataSource wrap(DataSource dataSource) {
        return proxy(DataSource.class, dataSource, (method, result) ->
                result instanceof Connection c ? wrap(c) : result);
    }

    /**
     * Wraps a connection so that the statements it creates are counted.
     *
     * @param connection the real connection
     * @return the counting connection
     */
    Connection wrap(Connection connection) {
        return proxy(Connection.class, connection, (method, result) ->
                result instanceof Statement s ? wrapStatement(s) : result);
    }

    private Statement wrapStatement(Statement statement) {
        Class<? extends Statement> type = statement instanceof java.sql.CallableStatement ? java.sql.CallableStatement.class
                : statement instanceof java.sql.PreparedStatement ? java.sql.PreparedStatement.class : Statement.class;
        return proxy(type, statement, (method, result) -> result);
    }

    private interface Decorator {
        Object decorate(java.lang.reflect.Method method, Object result);
    }

    private <T> T proxy(Class<T> type, Object target, Decorator decorator) {
        InvocationHandler handler = (p, method, args) -> {
            if (Statement.class.isAssignableFrom(type) && method.getName().startsWith("execute")) {
                executed.incrementAndGet();
            }
            try {
                return decorator.decorate(method, method.invoke(target, args));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
