/**
 * An adapter for the JDK's built-in HTTP server ({@code com.sun.net.httpserver}).
 */
package io.github.session4j.jdkhttp;
