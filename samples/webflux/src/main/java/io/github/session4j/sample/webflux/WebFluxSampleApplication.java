package io.github.session4j.sample.webflux;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A reactive tea shop: sign in, count your visits, sign out. Its sessions are session4j's. */
@SpringBootApplication
public class WebFluxSampleApplication {

    /**
     * Starts the application.
     *
     * @param args Spring Boot's arguments, such as {@code --spring.profiles.active=postgres}
     */
    public static void main(String[] args) {
        SpringApplication.run(WebFluxSampleApplication.class, args);
    }
}
