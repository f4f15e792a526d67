package io.sluice.runtime;

import io.sluice.catalogue.JobDefinition;
import io.sluice.job.JobConfig;
import io.sluice.job.JobHandler;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;

/**
 * Creates a job type's handler and loads its classes by the names the catalogue holds, with errors that name
 * the job type. The Lambda runtime uses it at init; the producer client uses it to validate payloads at
 * enqueue exactly as the function will.
 */
public final class JobHandlerLoader {
    private JobHandlerLoader() {
    }

    /** A new handler: its {@code JobConfig} constructor if it has one, else its no-argument constructor. */
    public static JobHandler<?> instantiate(JobDefinition definition, JobConfig config) {
        Class<?> handlerClass = load(definition.handlerClass(), definition);
        try {
            try {
                Constructor<?> withConfig = handlerClass.getConstructor(JobConfig.class);
                return (JobHandler<?>) withConfig.newInstance(config);
            } catch (NoSuchMethodException e) {
                return (JobHandler<?>) handlerClass.getConstructor().newInstance();
            }
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("the handler of job type '" + definition.type() + "' failed to start: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create the handler " + definition.handlerClass() + " of job type '"
                    + definition.type() + "'", e);
        }
    }

    /** A class the catalogue names for {@code definition}. */
    public static Class<?> load(String className, JobDefinition definition) {
        try {
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            return Class.forName(className, true, context != null ? context : JobHandlerLoader.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("job type '" + definition.type() + "' names class " + className
                    + ", which is not on the classpath; was the catalogue built from other sources?", e);
        }
    }
}
