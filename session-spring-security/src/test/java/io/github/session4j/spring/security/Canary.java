package io.github.session4j.spring.security;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A class no allowlist admits, shaped so that Jackson could build it (a public no-argument
 * constructor and a setter), whose static initializer and constructor record that they ran.
 */
public class Canary {

    /** How often the class was initialized; stays zero while it is never used. */
    static final AtomicInteger INITIALIZED = CanaryLog.INITIALIZED;

    static {
        CanaryLog.INITIALIZED.incrementAndGet();
    }

    private String name;

    /** Counts the instances made. */
    public Canary() {
        CanaryLog.CONSTRUCTED.incrementAndGet();
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
}
