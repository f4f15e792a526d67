package io.sluice.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.catalogue.Catalogue;
import io.sluice.infra.jobs.LambdaJars;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-type code: with the folder of function modules' jars (what {@code infra/target/lambda} holds), each function
 * deploys the jar whose catalogue lists its type, as an asset of its own. The jars here are stand-ins that hold each
 * module's real catalogue, read from the classpath (one catalogue file per function module).
 */
class PerTypeAssetsTest {
    @TempDir
    static Path folder;

    static List<Path> jars = new ArrayList<>();

    @BeforeAll
    static void oneStandInJarPerFunctionModule() throws IOException {
        List<URL> catalogues =
                Collections.list(PerTypeAssetsTest.class.getClassLoader().getResources(Catalogue.RESOURCE));
        for (int i = 0; i < catalogues.size(); i++) {
            try (InputStream in = catalogues.get(i).openStream()) {
                jars.add(jar(folder.resolve("module-" + i + "-lambda.jar"), in.readAllBytes()));
            }
        }
    }

    @Test
    void eachTypeIsFoundInTheJarWhoseCatalogueListsIt() {
        LambdaJars found = LambdaJars.at(folder);
        Catalogue all = Catalogue.load();
        assertEquals(4, jars.size(), "webhook (jobs), tweet, discord and email: one module each");
        Set<Path> used = new HashSet<>();
        for (String type : all.types()) {
            Path jar = found.jarOf(type);
            assertEquals(Set.copyOf(List.of(type)), Set.copyOf(typesIn(jar)), type + " in " + jar.getFileName());
            used.add(jar);
        }
        assertEquals(Set.copyOf(jars), used);
    }

    @Test
    void eachFunctionDeploysItsOwnAsset() {
        Sluice sluice = SluiceApp.addStack(
                Synthesized.app(java.util.Map.of()),
                SluiceProps.builder()
                        .catalogue(Catalogue.load())
                        .lambdaJar(folder)
                        .build());
        Synthesized stack = Synthesized.fromStack(software.amazon.awscdk.Stack.of(sluice), sluice);
        Set<String> keys = new HashSet<>();
        for (String type : List.of("webhook", "tweet", "discord", "email")) {
            JsonNode code = stack.function("sluice-" + type).path("Code");
            keys.add(code.path("S3Key").asText());
        }
        assertEquals(4, keys.size(), keys.toString());
    }

    @Test
    void aTypeInTwoJarsIsRefusedNamingBoth(@TempDir Path twice) throws IOException {
        byte[] catalogue = Files.readAllBytes(jars.get(0));
        Files.write(twice.resolve("a-lambda.jar"), catalogue);
        Files.write(twice.resolve("b-lambda.jar"), catalogue);
        String message = assertThrows(IllegalArgumentException.class, () -> LambdaJars.at(twice))
                .getMessage();
        assertEquals(
                "job type '" + typesIn(jars.get(0)).get(0)
                        + "' is in two Lambda jars, a-lambda.jar and b-lambda.jar; each type must be in one",
                message);
    }

    @Test
    void aTypeInNoJarIsRefusedNamingItAndWhatTheJarsHold(@TempDir Path some) throws IOException {
        Files.copy(jars.get(0), some.resolve("only-lambda.jar"));
        List<String> held = typesIn(jars.get(0));
        String missing = Catalogue.load().types().stream()
                .filter(t -> !held.contains(t))
                .findFirst()
                .orElseThrow();
        String message = assertThrows(
                        IllegalArgumentException.class,
                        () -> SluiceProps.builder()
                                .catalogue(Catalogue.load())
                                .lambdaJar(some)
                                .build())
                .getMessage();
        assertEquals(
                "no Lambda jar in " + some.toAbsolutePath() + " holds job type '" + missing + "' (the jars there hold "
                        + held + "); build its module with `mvn -B -DskipTests package`",
                message);
    }

    private static List<String> typesIn(Path jar) {
        try (java.net.URLClassLoader loader =
                new java.net.URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            return List.copyOf(Catalogue.load(loader).types());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path jar(Path file, byte[] catalogue) throws IOException {
        try (OutputStream out = Files.newOutputStream(file);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(Catalogue.RESOURCE));
            zip.write(catalogue);
            zip.closeEntry();
        }
        return file;
    }
}
