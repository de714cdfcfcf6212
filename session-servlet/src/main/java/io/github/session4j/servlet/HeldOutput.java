package io.github.session4j.servlet;

import java.io.IOException;

/** Output held back until the session is committed: {@link HoldBackOutputStream} or {@link HoldBackWriter}. */
interface HeldOutput {

    /** Commits the session (once) and hands what is held to the container, without flushing it. */
    void release() throws IOException;

    /** Drops what is held (the response's buffer was reset); output already released stays sent. */
    void discard();

    /** Drops all later output: the response became a 503. */
    void drop();
}
