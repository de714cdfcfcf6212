package io.github.session4j.sample.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small shop: sign in, keep a note, fill a cart, sign out. Its sessions live in the store that
 * {@code application-<profile>.properties} names (Redis or PostgreSQL); the app itself only uses
 * {@code HttpSession} and Spring Security, as any Spring Boot app does.
 */
@SpringBootApplication
public class SampleApplication {

    /**
     * Starts the app.
     *
     * @param args Spring Boot's arguments, such as {@code --spring.profiles.active=postgres}
     */
    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }
}
