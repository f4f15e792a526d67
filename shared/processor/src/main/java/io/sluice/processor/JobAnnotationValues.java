package io.sluice.processor;

import io.sluice.job.Jitter;
import io.sluice.job.Priority;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;

/**
 * Reads {@code @Job} and its nested {@code @Backoff} and {@code @RateLimit} from the annotation mirror,
 * defaults included.
 * Two javac quirks shape this class: {@code Element.getAnnotation} proxies fail on nested annotation
 * defaults ({@code AnnotationTypeMismatchException}), and inside a nested annotation that is itself a
 * default read from a class file, enum constants are unresolved proxies whose {@code getValue()} throws;
 * their source form ({@code io.sluice.job.Jitter.FULL}) still names the constant.
 */
final class JobAnnotationValues {
    private final Map<String, AnnotationValue> values = new HashMap<>();

    JobAnnotationValues(AnnotationMirror mirror) {
        for (ExecutableElement method :
                ElementFilter.methodsIn(mirror.getAnnotationType().asElement().getEnclosedElements())) {
            if (method.getDefaultValue() != null) {
                values.put(method.getSimpleName().toString(), method.getDefaultValue());
            }
        }
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e :
                mirror.getElementValues().entrySet()) {
            values.put(e.getKey().getSimpleName().toString(), e.getValue());
        }
    }

    String string(String name) {
        return (String) values.get(name).getValue();
    }

    int integer(String name) {
        return (Integer) values.get(name).getValue();
    }

    double decimal(String name) {
        return ((Number) values.get(name).getValue()).doubleValue();
    }

    boolean bool(String name) {
        return (Boolean) values.get(name).getValue();
    }

    /** A class-valued member, as the compiler sees it (the class need not be compiled yet). */
    javax.lang.model.type.TypeMirror type(String name) {
        return (javax.lang.model.type.TypeMirror) values.get(name).getValue();
    }

    JobAnnotationValues nested(String name) {
        return new JobAnnotationValues((AnnotationMirror) values.get(name).getValue());
    }

    Jitter jitter(String name) {
        return Jitter.valueOf(enumConstant(values.get(name)));
    }

    List<Priority> priorities(String name) {
        List<Priority> result = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<? extends AnnotationValue> list =
                (List<? extends AnnotationValue>) values.get(name).getValue();
        for (AnnotationValue v : list) {
            result.add(Priority.valueOf(enumConstant(v)));
        }
        return result;
    }

    private static String enumConstant(AnnotationValue value) {
        try {
            return ((VariableElement) value.getValue()).getSimpleName().toString();
        } catch (UnsupportedOperationException unresolvedProxy) {
            String text = value.toString();
            return text.substring(text.lastIndexOf('.') + 1).trim();
        }
    }
}
