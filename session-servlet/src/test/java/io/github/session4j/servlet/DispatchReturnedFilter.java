package io.github.session4j.servlet;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;

/**
 * Mapped before the session filter: tells async work, through the request attribute
 * {@value #ATTRIBUTE}, when the first dispatch has returned through every filter.
 */
final class DispatchReturnedFilter implements Filter {

    static final String ATTRIBUTE = "dispatch-returned";

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        CountDownLatch returned = new CountDownLatch(1);
        request.setAttribute(ATTRIBUTE, returned);
        try {
            chain.doFilter(request, response);
        } finally {
            returned.countDown();
        }
    }
}
