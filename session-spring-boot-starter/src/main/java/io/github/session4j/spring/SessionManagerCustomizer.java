package io.github.session4j.spring;

import io.github.session4j.SessionManager;

/**
 * Adjusts the {@link SessionManager} that the starter builds, before it is built: a bean of this
 * type can register the application's own value types ({@link SessionManager.Builder#valueType})
 * or set a clock, without replacing the whole manager. Customizers run in their
 * {@link org.springframework.core.annotation.Order order}; the starter's own (Spring Security's
 * value types) runs first.
 *
 * <pre>{@code
 * @Bean
 * SessionManagerCustomizer cartTypes() {
 *     return builder -> builder.valueType(CartItem.VALUE_TYPE);
 * }
 * }</pre>
 */
@FunctionalInterface
public interface SessionManagerCustomizer {

    /**
     * Adjusts the builder.
     *
     * @param builder the builder, whose configuration and backend the starter has set
     */
    void customize(SessionManager.Builder builder);
}
