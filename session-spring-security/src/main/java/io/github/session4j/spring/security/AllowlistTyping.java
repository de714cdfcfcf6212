package io.github.session4j.spring.security;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import tools.jackson.databind.DefaultTyping;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.cfg.MapperBuilder;
import tools.jackson.databind.jsontype.PolymorphicTypeValidator;
import tools.jackson.databind.module.SimpleModule;

/**
 * Registered after Spring Security's modules: the same default typing as
 * {@code SecurityJacksonModules} sets up (non-final types, the class name as an {@code @class}
 * property), with its allowlist behind {@link UninitializedCheck}; also the validator of the
 * type ids that Spring Security's mixins declare by annotation; and an {@code Instant} written
 * as text.
 */
final class AllowlistTyping extends SimpleModule {

    private static final long serialVersionUID = 1L;

    private final transient PolymorphicTypeValidator validator;

    AllowlistTyping(PolymorphicTypeValidator validator) {
        super(AllowlistTyping.class.getName());
        this.validator = validator;
    }

    @Override
    public void setupModule(SetupContext context) {
        super.setupModule(context);
        MapperBuilder<?, ?> builder = (MapperBuilder<?, ?>) context.getOwner();
        builder.activateDefaultTyping(validator, DefaultTyping.NON_FINAL, JsonTypeInfo.As.PROPERTY);
        builder.polymorphicTypeValidator(validator);
        // Spring Security's core module writes an Instant as a decimal number of seconds, which its
        // deserializers read in part through a JSON tree, as a double: an Instant.now() (as in a
        // FactorGrantedAuthority of every login) came back a few hundred nanoseconds off, and
        // unequal. ISO-8601 text keeps every digit; both forms read back.
        builder.disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS);
    }
}
