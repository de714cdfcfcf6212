/**
 * The operator's command line of session4j (picocli): {@code check}, {@code count}, {@code sweep},
 * {@code inspect}, {@code delete}, {@code revoke} and {@code migrate}, run as
 * {@code java -jar session4j-cli.jar <command>} with the application's own configuration.
 */
package io.github.session4j.cli;
