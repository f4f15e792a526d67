package io.sluice.catalogue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.envelope.SluiceJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The index of every job type, read from the {@value #RESOURCE} files that the annotation processor
 * writes at compile time. Each jar may carry its own file (one JSON object per line, so shading can
 * append them); the catalogue is their union, and a type declared in two places is an error. Reading it
 * costs one small resource read at cold start and no classpath scanning.
 */
public final class Catalogue {
    /** Where the processor writes the catalogue, relative to the class output. */
    public static final String RESOURCE = "META-INF/sluice/catalogue.jsonl";

    private final Map<String, JobDefinition> byType;

    public Catalogue(Collection<JobDefinition> definitions) {
        Map<String, JobDefinition> map = new LinkedHashMap<>();
        for (JobDefinition d : definitions) {
            if (map.putIfAbsent(d.type(), d) != null) {
                throw new IllegalStateException("job type '" + d.type() + "' is declared twice: by "
                        + map.get(d.type()).handlerClass() + " and by " + d.handlerClass());
            }
        }
        this.byType = Collections.unmodifiableMap(map);
    }

    /** Loads every catalogue file visible to a class loader. */
    public static Catalogue load(ClassLoader loader) {
        List<JobDefinition> all = new ArrayList<>();
        try {
            Enumeration<URL> urls = loader.getResources(RESOURCE);
            while (urls.hasMoreElements()) {
                all.addAll(read(urls.nextElement()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the job catalogue " + RESOURCE, e);
        }
        return new Catalogue(all);
    }

    /** Loads the catalogue visible to Sluice's own class loader. */
    public static Catalogue load() {
        return load(Catalogue.class.getClassLoader());
    }

    /** A catalogue with the same types, each changed by its overrides (types without overrides are kept). */
    public Catalogue withOverrides(Function<String, JobOverrides> overridesByType) {
        List<JobDefinition> changed = new ArrayList<>();
        for (JobDefinition d : byType.values()) {
            JobOverrides o = overridesByType.apply(d.type());
            changed.add(o == null || o.isEmpty() ? d : o.applyTo(d));
        }
        return new Catalogue(changed);
    }

    /** A catalogue limited to some types. */
    public Catalogue only(Collection<String> types) {
        List<JobDefinition> kept = new ArrayList<>();
        for (String t : types) {
            kept.add(require(t));
        }
        return new Catalogue(kept);
    }

    public Optional<JobDefinition> find(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    /** The definition of a type, or an error listing the known types. */
    public JobDefinition require(String type) {
        JobDefinition d = byType.get(type);
        if (d == null) {
            throw new IllegalArgumentException(
                    "unknown job type '" + type + "'; the catalogue has: " + String.join(", ", byType.keySet()));
        }
        return d;
    }

    public Collection<JobDefinition> definitions() {
        return byType.values();
    }

    public Collection<String> types() {
        return byType.keySet();
    }

    /** One catalogue line. */
    public static String toLine(JobDefinition definition) {
        try {
            return SluiceJson.mapper().writeValueAsString(definition);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write catalogue entry for " + definition.type(), e);
        }
    }

    /** Parses one catalogue line. */
    public static JobDefinition fromLine(String line) {
        try {
            return SluiceJson.mapper().readValue(line, JobDefinition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt job catalogue line: " + line, e);
        }
    }

    private static List<JobDefinition> read(URL url) throws IOException {
        ObjectMapper mapper = SluiceJson.mapper();
        List<JobDefinition> result = new ArrayList<>();
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    result.add(mapper.readValue(line, JobDefinition.class));
                }
            }
        }
        return result;
    }
}
