package io.sluice.functions.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What every function module's deployment jar must be, checked by each module's {@code LambdaJarIT}: lean (no Netty,
 * no Apache HTTP client, no Joda-Time), self-contained (the entry point, the runtime, the catalogue and the module's
 * job types load from the jar alone), its own (no other type's classes and no other type's SDK clients or libraries),
 * reproducible (Sluice's entries carry the build's fixed timestamp), and its size printed.
 */
public abstract class LambdaJarContract {
    /**
     * The dependencies a shipped job type brings, by the jar path their classes start with; a jar may hold only those
     * its own types need ({@link #ownDependencies()}).
     */
    public static final Map<String, String> TYPE_DEPENDENCIES = Map.of(
            "Amazon SES v2 (email)", "software/amazon/awssdk/services/sesv2/",
            "AWS Secrets Manager (tweet, discord)", "software/amazon/awssdk/services/secretsmanager/",
            "twitter-text (tweet)", "com/twitter/twittertext/");

    protected final Path jar = Path.of(System.getProperty("sluice.lambda.jar", "target/missing-lambda.jar"));

    /** The job types the jar's catalogue lists, exactly. */
    protected abstract Set<String> types();

    /** The packages under {@code io/sluice/functions/} the jar holds, exactly (its types' and what they share). */
    protected abstract Set<String> packages();

    /** The keys of {@link #TYPE_DEPENDENCIES} the jar's types need. */
    protected abstract Set<String> ownDependencies();

    /** Classes beyond the entry point that must load from the jar alone: the handlers and their clients. */
    protected abstract List<String> classes();

    @Test
    void entryPointRuntimeAndItsJobTypesLoadFromTheJarAlone() throws Exception {
        try (URLClassLoader isolated =
                new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            List<String> names = new ArrayList<>(List.of(
                    "io.sluice.runtime.SluiceHandler",
                    "io.sluice.runtime.JobFunction",
                    "com.amazonaws.services.lambda.runtime.events.SQSEvent",
                    "software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient"));
            names.addAll(classes());
            for (String name : names) {
                Class.forName(name, true, isolated);
            }
            Class<?> catalogue = Class.forName("io.sluice.catalogue.Catalogue", true, isolated);
            Object loaded = catalogue.getMethod("load", ClassLoader.class).invoke(null, isolated);
            Collection<?> listed = (Collection<?>) catalogue.getMethod("types").invoke(loaded);
            assertEquals(types(), Set.copyOf(listed), "the catalogue in " + jar.getFileName());
        }
    }

    @Test
    void holdsNoOtherTypesClassesAndNoOtherTypesDependencies() throws Exception {
        try (JarFile file = new JarFile(jar.toFile())) {
            Set<String> present = file.stream()
                    .map(e -> e.getName())
                    .filter(n -> n.startsWith("io/sluice/functions/") && n.endsWith(".class"))
                    .map(n -> n.substring(
                            "io/sluice/functions/".length(), n.indexOf('/', "io/sluice/functions/".length())))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(new TreeSet<>(packages()), present, "job-type packages in " + jar.getFileName());
            for (Map.Entry<String, String> dependency : TYPE_DEPENDENCIES.entrySet()) {
                boolean found = file.stream().anyMatch(e -> e.getName().startsWith(dependency.getValue()));
                assertEquals(
                        ownDependencies().contains(dependency.getKey()),
                        found,
                        dependency.getKey() + " in " + jar.getFileName());
            }
        }
    }

    @Test
    void containsNoNettyNoApacheHttpClientAndNoJodaTime() throws Exception {
        try (JarFile file = new JarFile(jar.toFile())) {
            List<String> forbidden = file.stream()
                    .map(e -> e.getName())
                    .filter(n -> n.startsWith("io/netty/")
                            || n.startsWith("org/apache/http/")
                            || n.startsWith("org/apache/hc/")
                            || n.startsWith("software/amazon/awssdk/http/apache/")
                            || n.startsWith("software/amazon/awssdk/http/nio/netty/")
                            || n.startsWith("org/joda/"))
                    .limit(5)
                    .toList();
            assertEquals(List.of(), forbidden);
        }
        System.out.printf("Lambda jar %s: %,d bytes%n", jar.getFileName(), Files.size(jar));
    }

    @Test
    void containsNoProcessorNoProducerClientNoSchedulerSdkAndNothingLocalOnly() throws Exception {
        try (JarFile file = new JarFile(jar.toFile())) {
            List<String> forbidden = file.stream()
                    .map(e -> e.getName())
                    .filter(n -> n.startsWith("io/sluice/processor/")
                            || n.startsWith("io/sluice/client/")
                            || n.startsWith("io/sluice/moto/")
                            || n.startsWith("io/sluice/testing/")
                            || n.startsWith("io/sluice/local/")
                            || n.startsWith("io/sluice/bench/")
                            || n.startsWith("software/amazon/awssdk/services/scheduler/")
                            || n.equals("META-INF/services/javax.annotation.processing.Processor"))
                    .limit(5)
                    .toList();
            assertEquals(List.of(), forbidden);
        }
    }

    @Test
    void sluicesOwnEntriesCarryTheBuildsFixedTimestampSoTheSameSourcesGiveTheSameJar() throws Exception {
        // Our classes get project.build.outputTimestamp, not the build's clock (dependencies keep the times in
        // their own jars, which do not change): an unchanged build is byte for byte the same jar, so the CDK asset
        // hash stays and `cdk deploy` publishes no new SnapStart version.
        try (JarFile file = new JarFile(jar.toFile())) {
            Set<LocalDate> days = file.stream()
                    .filter(e -> e.getName().startsWith("io/sluice/"))
                    .map(e -> e.getLastModifiedTime()
                            .toInstant()
                            .atZone(ZoneOffset.UTC)
                            .toLocalDate())
                    .collect(Collectors.toSet());
            assertEquals(
                    Set.of(LocalDate.of(2026, 1, 1)),
                    days,
                    "a date in the past, so a build that ignores it cannot match");
            assertTrue(
                    file.stream().anyMatch(e -> e.getName().startsWith("io/sluice/runtime/")), "the runtime is in it");
        }
    }
}
