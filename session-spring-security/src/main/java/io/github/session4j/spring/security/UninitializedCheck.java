package io.github.session4j.spring.security;

import java.util.Objects;
import tools.jackson.databind.DatabindContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.jsontype.PolymorphicTypeValidator;

/**
 * Spring Security's allowlist, decided before Jackson loads a class named in a stored record.
 *
 * <p>The allowlist matches classes, not names, so for a name it does not know Jackson loads the
 * class (with {@code Class.forName(name, true, ...)}, which runs its static initializer) and only
 * then asks whether it is allowed. Here a name is decided at once: the class is loaded without
 * being initialized and checked against the allowlist, and a class that is not allowed is refused
 * before Jackson ever touches it. No code of a refused class runs.
 */
final class UninitializedCheck extends PolymorphicTypeValidator {

    private static final long serialVersionUID = 1L;

    private final PolymorphicTypeValidator allowlist;
    private final transient ClassLoader loader;

    UninitializedCheck(PolymorphicTypeValidator allowlist, ClassLoader loader) {
        this.allowlist = Objects.requireNonNull(allowlist, "allowlist");
        this.loader = Objects.requireNonNull(loader, "loader");
    }

    @Override
    public Validity validateBaseType(DatabindContext ctxt, JavaType baseType) {
        return allowlist.validateBaseType(ctxt, baseType);
    }

    @Override
    public Validity validateSubClassName(DatabindContext ctxt, JavaType baseType, String subClassName) {
        Validity byName = allowlist.validateSubClassName(ctxt, baseType, subClassName);
        if (byName != Validity.INDETERMINATE) {
            return byName;
        }
        Class<?> type;
        try {
            type = Class.forName(subClassName, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return Validity.DENIED;
        }
        // constructing the JavaType reflects on the class, which does not initialize it
        Validity byClass = allowlist.validateSubType(ctxt, baseType, ctxt.getTypeFactory().constructType(type));
        return byClass == Validity.ALLOWED ? Validity.ALLOWED : Validity.DENIED;
    }

    @Override
    public Validity validateSubType(DatabindContext ctxt, JavaType baseType, JavaType subType) {
        return allowlist.validateSubType(ctxt, baseType, subType);
    }
}
