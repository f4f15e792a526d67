package io.sluice.catalogue;

import io.sluice.envelope.PayloadReader;
import io.sluice.job.PayloadValidator;
import java.lang.reflect.InvocationTargetException;

/**
 * The classes a catalogue entry names, loaded by name with errors that name the job type: the payload class and the
 * payload validator, which the function and the producer client both need (the handler only the function creates).
 */
public final class JobClasses {
    private JobClasses() {}

    /** A class the catalogue names for {@code definition}. */
    public static Class<?> load(String className, JobDefinition definition) {
        try {
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            return Class.forName(className, true, context != null ? context : JobClasses.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(
                    "job type '" + definition.type() + "' names class " + className
                            + ", which is not on the classpath; was the catalogue built from other sources?",
                    e);
        }
    }

    /** The type's validator, or one that accepts every payload when it declares none. */
    public static PayloadValidator<Object> validator(JobDefinition definition) {
        if (definition.validatorClass() == null) {
            return PayloadValidator.none();
        }
        Class<?> type = load(definition.validatorClass(), definition);
        try {
            var constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true); // a test's validator may be nested in a package-private class
            @SuppressWarnings("unchecked")
            PayloadValidator<Object> validator = (PayloadValidator<Object>) constructor.newInstance();
            return validator;
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(
                    "the payload validator " + definition.validatorClass() + " of job type '" + definition.type()
                            + "' failed to start: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException(
                    "cannot create the payload validator " + definition.validatorClass() + " of job type '"
                            + definition.type()
                            + "': it needs a public no-argument constructor and must implement PayloadValidator",
                    e);
        }
    }

    /** Binds and checks payloads of the type: its payload class and its validator. */
    public static PayloadReader<?> payloadReader(JobDefinition definition) {
        return reader(load(definition.payloadClass(), definition), validator(definition));
    }

    private static <P> PayloadReader<P> reader(Class<P> payloadClass, PayloadValidator<Object> validator) {
        return new PayloadReader<>(payloadClass, validator);
    }
}
