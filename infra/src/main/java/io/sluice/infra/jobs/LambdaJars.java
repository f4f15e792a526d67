package io.sluice.infra.jobs;

import io.sluice.catalogue.Catalogue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Which deployment jar holds each job type's code. Either one jar for every type (a user's own shaded jar, or a test's
 * stand-in), or a folder of per-type jars such as {@code infra/target/lambda/}, where the catalogue inside each jar
 * (the processor's {@code META-INF/sluice/catalogue.jsonl}, which shading appends per module) says which types it
 * holds: the build needs no list of modules, and a jar cannot be deployed for a type it does not contain.
 */
public final class LambdaJars {
    private final Path location;
    private final Optional<Path> single;
    private final Map<String, Path> byType;

    private LambdaJars(Path location, Optional<Path> single, Map<String, Path> byType) {
        this.location = location;
        this.single = single;
        this.byType = byType;
    }

    /**
     * The jars at {@code location}: a jar file holds every type; a folder's {@code *.jar} files hold the types their
     * catalogues list.
     *
     * @throws IllegalArgumentException if {@code location} is neither, a folder holds no jar, or two jars hold one type
     */
    public static LambdaJars at(Path location) {
        if (Files.isRegularFile(location)) {
            return new LambdaJars(location, Optional.of(location), Map.of());
        }
        if (!Files.isDirectory(location)) {
            throw new IllegalArgumentException("lambdaJar '" + location.toAbsolutePath()
                    + "' is neither a jar nor a folder of jars; it must be a function module's shaded jar"
                    + " (<module>-<version>-lambda.jar) or the folder the infra build copies them to (target/lambda)");
        }
        List<Path> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(location)) {
            files.filter(p -> p.getFileName().toString().endsWith(".jar"))
                    .sorted()
                    .forEach(jars::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the Lambda jars in " + location.toAbsolutePath(), e);
        }
        if (jars.isEmpty()) {
            throw new IllegalArgumentException("lambdaJar '" + location.toAbsolutePath()
                    + "' holds no jar; build them first with `mvn -B -DskipTests package` in the repository root");
        }
        Map<String, Path> byType = new TreeMap<>();
        for (Path jar : jars) {
            for (String type : typesIn(jar)) {
                Path before = byType.putIfAbsent(type, jar);
                if (before != null) {
                    throw new IllegalArgumentException("job type '" + type + "' is in two Lambda jars, "
                            + before.getFileName() + " and " + jar.getFileName() + "; each type must be in one");
                }
            }
        }
        return new LambdaJars(location, Optional.empty(), Collections.unmodifiableMap(byType));
    }

    /**
     * The jar that holds {@code type}.
     *
     * @throws IllegalArgumentException naming the type and the jars there are, if none holds it
     */
    public Path jarOf(String type) {
        if (single.isPresent()) {
            return single.get();
        }
        Path jar = byType.get(type);
        if (jar == null) {
            throw new IllegalArgumentException("no Lambda jar in " + location.toAbsolutePath() + " holds job type '"
                    + type + "' (the jars there hold " + byType.keySet()
                    + "); build its module with `mvn -B -DskipTests package`");
        }
        return jar;
    }

    private static List<String> typesIn(Path jar) {
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            return List.copyOf(Catalogue.load(loader).types());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the catalogue in " + jar.toAbsolutePath(), e);
        }
    }
}
