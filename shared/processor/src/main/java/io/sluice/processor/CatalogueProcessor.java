package io.sluice.processor;

import io.sluice.catalogue.Catalogue;
import io.sluice.catalogue.DurationParser;
import io.sluice.catalogue.JobDefinition;
import io.sluice.catalogue.RateLimitSpec;
import io.sluice.catalogue.RetryPolicy;
import io.sluice.catalogue.ScheduleSpec;
import io.sluice.job.Job;
import io.sluice.job.JobConfig;
import io.sluice.job.JobHandler;
import io.sluice.job.PayloadValidator;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
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
        List<String> problems = new ArrayList<>();
        if (element.getKind() != ElementKind.CLASS) {
            error(
                    element,
                    "@Job belongs on a class implementing JobHandler, not on a "
                            + element.getKind().toString().toLowerCase());
            return;
        }
        TypeElement type = (TypeElement) element;
        JobAnnotationValues job = new JobAnnotationValues(jobMirror(type));
        String jobType = job.string("type");
        if (!type.getModifiers().contains(Modifier.PUBLIC)
                || type.getModifiers().contains(Modifier.ABSTRACT)) {
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
        String validatorClass =
                payloadClass == null ? null : validatorType(job.type("validator"), payloadClass, problems);

        RetryPolicy backoff = null;
        JobAnnotationValues b = job.nested("backoff");
        try {
            backoff = new RetryPolicy(
                    duration("backoff.initial", b.string("initial")),
                    b.decimal("multiplier"),
                    duration("backoff.max", b.string("max")),
                    b.jitter("jitter"));
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        Duration timeout = parse(problems, "timeout", job.string("timeout"));
        Duration window = parse(problems, "maxBatchingWindow", job.string("maxBatchingWindow"));
        int batchSize = job.integer("batchSize");
        JobAnnotationValues r = job.nested("rateLimit");
        String minInterval = r.string("minInterval");
        Duration interval =
                minInterval.isEmpty() ? Duration.ZERO : parse(problems, "rateLimit.minInterval", minInterval);
        RateLimitSpec rateLimit = new RateLimitSpec(
                r.integer("perMinute"), r.integer("perHour"), r.integer("perDay"), interval, r.string("key"));

        if (problems.isEmpty()) {
            String handlerClass =
                    processingEnv.getElementUtils().getBinaryName(type).toString();
            JobDefinition definition = JobDefinition.builder()
                    .type(jobType)
                    .handlerClass(handlerClass)
                    .payloadClass(payloadClass)
                    .priorities(job.priorities("priorities"))
                    .maxAttempts(job.integer("maxAttempts"))
                    .backoff(backoff)
                    .timeout(timeout)
                    .memoryMb(job.integer("memoryMb"))
                    .concurrency(job.integer("concurrency"))
                    .batchSize(batchSize)
                    .maxBatchingWindow(window)
                    .fifo(job.bool("fifo"))
                    .description(job.string("description"))
                    .rateLimit(rateLimit)
                    .schedule(new ScheduleSpec(
                            job.string("schedule"), job.string("timezone"), job.string("schedulePayload")))
                    .validatorClass(validatorClass)
                    .build();
            problems.addAll(definition.problems());
            String previous = declaredBy.putIfAbsent(jobType, handlerClass);
            if (previous != null && !previous.equals(handlerClass)) {
                problems.add("job type '" + jobType + "' is already declared by " + previous);
            }
            if (problems.isEmpty()) {
                definitions.put(jobType, definition);
            }
        }
        for (String problem : problems) {
            error(type, "@Job(type = \"" + jobType + "\") on " + type.getQualifiedName() + ": " + problem);
        }
    }

    private static AnnotationMirror jobMirror(TypeElement type) {
        for (AnnotationMirror mirror : type.getAnnotationMirrors()) {
            if (((TypeElement) mirror.getAnnotationType().asElement())
                    .getQualifiedName()
                    .contentEquals(Job.class.getName())) {
                return mirror;
            }
        }
        throw new IllegalStateException("no @Job on " + type);
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
                    && processingEnv
                            .getTypeUtils()
                            .erasure(c.getParameters().get(0).asType())
                            .toString()
                            .equals(JobConfig.class.getName())) {
                return true;
            }
        }
        return false;
    }

    /** Walks the supertypes to find JobHandler's type argument as seen from this class. */
    /**
     * The validator's binary name: the one {@code @Job(validator)} names, else {@code <Payload>Validator} beside a
     * top-level payload class if it exists, else {@code null}. A named or found class must implement
     * {@link PayloadValidator} for the payload and have a public no-argument constructor.
     */
    private String validatorType(TypeMirror declared, String payloadClass, List<String> problems) {
        Types types = processingEnv.getTypeUtils();
        javax.lang.model.util.Elements elements = processingEnv.getElementUtils();
        TypeElement validator;
        boolean named = !((TypeElement) types.asElement(declared))
                .getQualifiedName()
                .contentEquals(PayloadValidator.class.getName());
        if (named) {
            validator = (TypeElement) types.asElement(declared);
        } else {
            TypeElement payload = elements.getTypeElement(payloadClass.replace('$', '.'));
            if (payload == null || payload.getNestingKind().isNested()) {
                return null;
            }
            validator = elements.getTypeElement(payload.getQualifiedName() + "Validator");
            if (validator == null) {
                return null;
            }
        }
        String name = elements.getBinaryName(validator).toString();
        TypeElement contract = elements.getTypeElement(PayloadValidator.class.getName());
        if (!types.isAssignable(types.erasure(validator.asType()), types.erasure(contract.asType()))) {
            problems.add("validator " + name + " must implement PayloadValidator<" + payloadClass + ">");
        } else if (validator.getModifiers().contains(Modifier.ABSTRACT)
                || !validator.getModifiers().contains(Modifier.PUBLIC)
                || (validator.getNestingKind().isNested()
                        && !validator.getModifiers().contains(Modifier.STATIC))
                || ElementFilter.constructorsIn(validator.getEnclosedElements()).stream()
                        .noneMatch(c ->
                                c.getParameters().isEmpty() && c.getModifiers().contains(Modifier.PUBLIC))) {
            problems.add("validator " + name
                    + " must be a public, concrete (static if nested) class with a public no-argument constructor");
        }
        return name;
    }

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
                    return processingEnv
                            .getElementUtils()
                            .getBinaryName(payload)
                            .toString();
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
        return DurationParser.parse(name, value);
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
            var resource =
                    processingEnv.getFiler().createResource(StandardLocation.CLASS_OUTPUT, "", Catalogue.RESOURCE);
            try (Writer writer = new java.io.OutputStreamWriter(resource.openOutputStream(), StandardCharsets.UTF_8)) {
                for (JobDefinition definition : definitions.values()) {
                    writer.write(Catalogue.toLine(definition));
                    writer.write('\n');
                }
            }
        } catch (IOException e) {
            processingEnv
                    .getMessager()
                    .printMessage(Diagnostic.Kind.ERROR, "cannot write the job catalogue: " + e.getMessage());
        }
    }

    private void error(Element element, String message) {
        failed = true;
        processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, message, element);
    }
}
