package io.sluice.local.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The jars the child JVMs run: the launcher in front of either the Sluice function's jar or the bare handler's.
 * {@code sizes} lists every deployment jar whose size the report prints (the per-type jars).
 */
public record ColdStartJars(Path launcher, Path sluice, Path bare, List<Path> sizes) {
    /** The jars {@code mvn package} copies into {@code bench/} beside sluice-local's own jar or classes. */
    public static ColdStartJars beside(Path directory) {
        Path dir = directory.resolve("bench");
        List<Path> functions = new ArrayList<>();
        try (var files = Files.list(dir.resolve("functions"))) {
            files.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(functions::add);
        } catch (IOException e) {
            // no per-type jars: the report then names the Sluice jar alone
        }
        Path webhook = functions.stream()
                .filter(jar -> typesIn(jar).contains("webhook"))
                .findFirst()
                .orElse(dir.resolve("functions").resolve("no-jar-holds-webhook.jar"));
        return new ColdStartJars(
                dir.resolve("sluice-bench-launcher.jar"), webhook, dir.resolve("sluice-bench-bare.jar"), functions);
    }

    /** The job types a deployment jar's catalogue lists. */
    static java.util.Collection<String> typesIn(Path jar) {
        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(
                new java.net.URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            return io.sluice.catalogue.Catalogue.load(loader).types();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read the catalogue in " + jar, e);
        }
    }

    void requireFiles() {
        for (Path p : List.of(launcher, sluice, bare)) {
            if (!Files.isRegularFile(p)) {
                throw new IllegalStateException("no jar at " + p.toAbsolutePath()
                        + "; build it first with `mvn -B -DskipTests package` in the repository root");
            }
        }
    }
}
