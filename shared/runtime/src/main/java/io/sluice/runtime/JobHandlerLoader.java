package io.sluice.runtime;

import io.sluice.catalogue.JobClasses;
import io.sluice.catalogue.JobDefinition;
import io.sluice.job.JobConfig;
import io.sluice.job.JobHandler;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;

/**
 * Creates a job type's handler by the name the catalogue holds, with errors that name the job type. Only the
 * runtime creates handlers, at init; producers check payloads with the type's validator alone.
 */
final class JobHandlerLoader {
    private JobHandlerLoader() {}

    /** A new handler: its {@code JobConfig} constructor if it has one, else its no-argument constructor. */
    public static JobHandler<?> instantiate(JobDefinition definition, JobConfig config) {
        Class<?> handlerClass = JobClasses.load(definition.handlerClass(), definition);
        try {
            try {
                Constructor<?> withConfig = handlerClass.getConstructor(JobConfig.class);
                return (JobHandler<?>) withConfig.newInstance(config);
            } catch (NoSuchMethodException e) {
                return (JobHandler<?>) handlerClass.getConstructor().newInstance();
            }
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(
                    "the handler of job type '" + definition.type() + "' failed to start: "
                            + e.getCause().getMessage(),
                    e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "cannot create the handler " + definition.handlerClass() + " of job type '" + definition.type()
                            + "'",
                    e);
        }
    }
}
