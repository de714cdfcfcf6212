package io.github.session4j.memcached;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.SocketChannel;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import net.spy.memcached.ConnectionFactory;
import net.spy.memcached.ConnectionFactoryBuilder;
import net.spy.memcached.ConnectionObserver;
import net.spy.memcached.FailureMode;
import net.spy.memcached.HashAlgorithm;
import net.spy.memcached.MemcachedConnection;
import net.spy.memcached.MemcachedNode;
import net.spy.memcached.NodeLocator;
import net.spy.memcached.OperationFactory;
import net.spy.memcached.auth.AuthDescriptor;
import net.spy.memcached.metrics.MetricCollector;
import net.spy.memcached.metrics.MetricType;
import net.spy.memcached.ops.Operation;
import net.spy.memcached.transcoders.Transcoder;

/**
 * A factory built by {@link ConnectionFactoryBuilder}, with every setting kept as built, whose
 * locator is wrapped in a {@link RedistributingLocator}.
 *
 * <p>The builder offers no hook for the locator, so this class forwards every method to the built
 * factory, except {@link #createLocator} (wrapped) and {@link #createConnection}, which must hand
 * this factory, not the built one, to the connection: the connection asks its factory for the
 * locator.
 */
final class RedistributingConnectionFactory implements ConnectionFactory {

    private final ConnectionFactory built;

    /**
     * Wraps a built factory.
     *
     * @param built the factory with the pool's settings
     */
    RedistributingConnectionFactory(ConnectionFactory built) {
        this.built = built;
    }

    @Override
    public MemcachedConnection createConnection(List<InetSocketAddress> addresses) throws IOException {
        // as DefaultConnectionFactory.createConnection does, with this factory
        return new MemcachedConnection(getReadBufSize(), this, addresses, getInitialObservers(), getFailureMode(),
                getOperationFactory());
    }

    @Override
    public NodeLocator createLocator(List<MemcachedNode> nodes) {
        return new RedistributingLocator(built.createLocator(nodes));
    }

    @Override
    public MemcachedNode createMemcachedNode(SocketAddress address, SocketChannel channel, int bufferSize) {
        return built.createMemcachedNode(address, channel, bufferSize);
    }

    @Override
    public BlockingQueue<Operation> createOperationQueue() {
        return built.createOperationQueue();
    }

    @Override
    public BlockingQueue<Operation> createReadOperationQueue() {
        return built.createReadOperationQueue();
    }

    @Override
    public BlockingQueue<Operation> createWriteOperationQueue() {
        return built.createWriteOperationQueue();
    }

    @Override
    public long getOpQueueMaxBlockTime() {
        return built.getOpQueueMaxBlockTime();
    }

    @Override
    public ExecutorService getListenerExecutorService() {
        return built.getListenerExecutorService();
    }

    @Override
    public boolean isDefaultExecutorService() {
        return built.isDefaultExecutorService();
    }

    @Override
    public OperationFactory getOperationFactory() {
        return built.getOperationFactory();
    }

    @Override
    public long getOperationTimeout() {
        return built.getOperationTimeout();
    }

    @Override
    public boolean isDaemon() {
        return built.isDaemon();
    }

    @Override
    public boolean useNagleAlgorithm() {
        return built.useNagleAlgorithm();
    }

    @Override
    public Collection<ConnectionObserver> getInitialObservers() {
        return built.getInitialObservers();
    }

    @Override
    public FailureMode getFailureMode() {
        return built.getFailureMode();
    }

    @Override
    public Transcoder<Object> getDefaultTranscoder() {
        return built.getDefaultTranscoder();
    }

    @Override
    public boolean shouldOptimize() {
        return built.shouldOptimize();
    }

    @Override
    public int getReadBufSize() {
        return built.getReadBufSize();
    }

    @Override
    public HashAlgorithm getHashAlg() {
        return built.getHashAlg();
    }

    @Override
    public long getMaxReconnectDelay() {
        return built.getMaxReconnectDelay();
    }

    @Override
    public AuthDescriptor getAuthDescriptor() {
        return built.getAuthDescriptor();
    }

    @Override
    public int getTimeoutExceptionThreshold() {
        return built.getTimeoutExceptionThreshold();
    }

    @Override
    public MetricType enableMetrics() {
        return built.enableMetrics();
    }

    @Override
    public MetricCollector getMetricCollector() {
        return built.getMetricCollector();
    }

    @Override
    public long getAuthWaitTime() {
        return built.getAuthWaitTime();
    }
}
