package io.sluice.catalogue;

import io.sluice.job.Backoff;
import io.sluice.job.Jitter;
import io.sluice.job.Job;
import io.sluice.job.JobConfig;
import io.sluice.job.JobHandler;
import io.sluice.runtime.RetryPolicy;
import java.io.IOException;
import java.io.Writer;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Messager;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;
import javax.tools.StandardLocation;

/**
 * Writes the job catalogue at compile time. For every class annotated with {@link Job} it checks the
 * class (public, concrete, implements {@link JobHandler} with a concrete payload type, constructible
 * with a {@link JobConfig} or no arguments) and the settings ({@link JobDefinition#problems()}), and
 * reports each problem as a compile error on the class, so a bad job type never reaches a deployment.
 * When the compilation has no errors it writes {@value Catalogue#RESOURCE}, one JSON line per type.
 */
public final class CatalogueProcessor extends AbstractProcessor {
    private final Map<String, JobDefinition> definitions = new LinkedHashMap<>();
    private final Map<String, String> declaredBy = new LinkedHashMap<>();
    private boolean failed;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(Job.class.getName());
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        for (Element element : round.getElementsAnnotatedWith(Job.class)) {
            inspect(element);
        }
        if (round.processingOver() && !failed && !definitions.isEmpty()) {
            write();
        }
        return true;
    }

    private void inspect(Element element) {
        Messager messager = processingEnv.getMessager();
        List<String> problems = new ArrayList<>();
        if (element.getKind() != ElementKind.CLASS) {
            error(element, "@Job belongs on a class implementing JobHandler, not on a " + element.getKind().toString().toLowerCase());
            return;
        }
        TypeElement type = (TypeElement) element;
        Job job = type.getAnnotation(Job.class);
        if (!type.getModifiers().contains(Modifier.PUBLIC) || type.getModifiers().contains(Modifier.ABSTRACT)) {
            problems.add("the class must be public and not abstract");
        }
        if (type.getNestingKind().isNested() && !type.getModifiers().contains(Modifier.STATIC)) {
            problems.add("a nested job class must be static");
        }
        if (!hasUsableConstructor(type)) {
            problems.add("the class needs a public constructor taking JobConfig, or a public no-argument constructor");
        }
        String payloadClass = payloadType(type.asType());
        if (payloadClass == null) {
            problems.add("the class must implement JobHandler<P> with a concrete payload class P");
        }

        RetryPolicy backoff = null;
        try {
            Map<String, Object> b = backoffOf(type);
            backoff = new RetryPolicy(duration("backoff.initial", (String) b.get("initial")), ((Number) b.get("multiplier")).doubleValue(),
                    duration("backoff.max", (String) b.get("max")), Jitter.valueOf(b.get("jitter").toString()));
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        Duration timeout = parse(problems, "timeout", job.timeout());
        Duration window = parse(problems, "maxBatchingWindow", job.maxBatchingWindow());

        if (problems.isEmpty()) {
            String handlerClass = processingEnv.getElementUtils().getBinaryName(type).toString();
            JobDefinition definition = new JobDefinition(job.type(), handlerClass, payloadClass, Arrays.asList(job.priorities()),
                    job.maxAttempts(), backoff, timeout, job.memoryMb(), job.concurrency(), job.batchSize(), window, job.fifo(),
                    job.description(), JobDefinition.defaultParallelism(job.batchSize()));
            problems.addAll(definition.problems());
            String previous = declaredBy.putIfAbsent(job.type(), handlerClass);
            if (previous != null && !previous.equals(handlerClass)) {
                problems.add("job type '" + job.type() + "' is already declared by " + previous);
            }
            if (problems.isEmpty()) {
                definitions.put(job.type(), definition);
            }
        }
        for (String problem : problems) {
            error(type, "@Job(type = \"" + job.type() + "\") on " + type.getQualifiedName() + ": " + problem);
        }
        if (!problems.isEmpty() && messager != null) {
            failed = true;
        }
    }

    /**
     * The {@link Backoff} of a type's {@code @Job}: explicit values read through the mirror API, the rest
     * from {@link Backoff}'s own defaults. Not through {@code job.backoff()}: when {@code @Job} and
     * {@code @Backoff} come from a class file (the shared jar, as for every job in {@code functions/}), javac
     * (17) has not yet resolved their default values when the processor runs, so the annotation proxy throws
     * {@code AnnotationTypeMismatchException} for {@code backoff() default @Backoff} and the default mirrors
     * throw {@code UnsupportedOperationException}; every job without an explicit backoff would crash the
     * compiler (the same javac behaviour as square/javapoet#963).
     */
    private Map<String, Object> backoffOf(TypeElement type) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Method element : Backoff.class.getDeclaredMethods()) {
            values.put(element.getName(), element.getDefaultValue());
        }
        for (AnnotationMirror mirror : type.getAnnotationMirrors()) {
            if (!((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().contentEquals(Job.class.getName())) {
                continue;
            }
            mirror.getElementValues().forEach((jobElement, jobValue) -> {
                if (jobElement.getSimpleName().contentEquals("backoff")) {
                    ((AnnotationMirror) jobValue.getValue()).getElementValues()
                            .forEach((element, value) -> values.put(element.getSimpleName().toString(), value.getValue()));
                }
            });
        }
        return values;
    }

    private boolean hasUsableConstructor(TypeElement type) {
        for (ExecutableElement c : ElementFilter.constructorsIn(type.getEnclosedElements())) {
            if (!c.getModifiers().contains(Modifier.PUBLIC)) {
                continue;
            }
            if (c.getParameters().isEmpty()) {
                return true;
            }
            if (c.getParameters().size() == 1
                    && processingEnv.getTypeUtils().erasure(c.getParameters().get(0).asType()).toString().equals(JobConfig.class.getName())) {
                return true;
            }
        }
        return false;
    }

    /** Walks the supertypes to find JobHandler's type argument as seen from this class. */
    private String payloadType(TypeMirror type) {
        Types types = processingEnv.getTypeUtils();
        for (TypeMirror supertype : types.directSupertypes(type)) {
            if (supertype.getKind() != TypeKind.DECLARED) {
                continue;
            }
            DeclaredType declared = (DeclaredType) supertype;
            TypeElement element = (TypeElement) declared.asElement();
            if (element.getQualifiedName().contentEquals(JobHandler.class.getName())) {
                List<? extends TypeMirror> args = declared.getTypeArguments();
                if (args.size() == 1 && args.get(0).getKind() == TypeKind.DECLARED) {
                    TypeElement payload = (TypeElement) ((DeclaredType) args.get(0)).asElement();
                    return processingEnv.getElementUtils().getBinaryName(payload).toString();
                }
                return null;
            }
            String found = payloadType(supertype);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static Duration duration(String name, String value) {
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " '" + value + "' is not an ISO-8601 duration such as PT30S");
        }
    }

    private static Duration parse(List<String> problems, String name, String value) {
        try {
            return duration(name, value);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    private void write() {
        try {
            var resource = processingEnv.getFiler().createResource(StandardLocation.CLASS_OUTPUT, "", Catalogue.RESOURCE);
            try (Writer writer = new java.io.OutputStreamWriter(resource.openOutputStream(), StandardCharsets.UTF_8)) {
                for (JobDefinition definition : definitions.values()) {
                    writer.write(Catalogue.toLine(definition));
                    writer.write('\n');
                }
            }
        } catch (IOException e) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, "cannot write the job catalogue: " + e.getMessage());
        }
    }

    private void error(Element element, String message) {
        failed = true;
        processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, message, element);
    }
}
