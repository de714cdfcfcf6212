package io.github.session4j.servlet;

import jakarta.servlet.ServletException;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.EventListener;
import java.util.List;

/** Makes listeners from the comma-separated class names of the {@code session4j.listeners} init-parameter. */
final class ListenerClasses {

    private ListenerClasses() {
    }

    static List<EventListener> instantiate(String classNames) throws ServletException {
        List<EventListener> made = new ArrayList<>();
        if (classNames == null || classNames.isBlank()) {
            return made;
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = ListenerClasses.class.getClassLoader();
        }
        for (String name : classNames.split(",")) {
            String className = name.trim();
            if (className.isEmpty()) {
                continue;
            }
            try {
                Object listener = Class.forName(className, true, loader).getDeclaredConstructor().newInstance();
                if (!(listener instanceof EventListener eventListener)) {
                    throw new ServletException("Init-parameter " + SessionFilter.LISTENERS_PARAM + " names " + className
                            + ", which is not a session listener (HttpSessionListener, HttpSessionAttributeListener "
                            + "or HttpSessionIdListener)");
                }
                made.add(eventListener);
            } catch (ClassNotFoundException | NoSuchMethodException | InstantiationException | IllegalAccessException
                     | InvocationTargetException e) {
                throw new ServletException("Init-parameter " + SessionFilter.LISTENERS_PARAM + " names " + className
                        + ", which could not be made (it needs a public no-argument constructor and must be on the "
                        + "web application's class path): " + e, e);
            }
        }
        return made;
    }
}
