package io.sluice.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every package of main code in the repository says in its {@code package-info.java} what it is for, so a new
 * engineer finds where a feature goes from the package list alone. Read from the source tree (the repository root is
 * the parent of this module), since a Javadoc-only package-info leaves nothing in the class files ArchUnit reads.
 */
class PackageDocsTest {
    @Test
    void everyMainPackageHasAPackageInfoWithAParagraph() throws IOException {
        Path root = Path.of("..").toRealPath();
        List<Path> packages;
        try (Stream<Path> files = Files.walk(root)) {
            packages = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/src/main/java/"))
                    .filter(p ->
                            !p.toString().contains("/target/") && !p.toString().contains("/node_modules/"))
                    .map(Path::getParent)
                    .distinct()
                    .sorted()
                    .collect(Collectors.toList());
        }
        assertTrue(packages.size() > 40, "found the repository's packages: " + packages.size());
        List<String> undocumented = packages.stream()
                .filter(dir -> !documented(dir.resolve("package-info.java")))
                .map(dir -> root.relativize(dir).toString())
                .collect(Collectors.toList());
        assertEquals(List.of(), undocumented, "packages without a package-info.java paragraph");
    }

    private static boolean documented(Path info) {
        try {
            return Files.exists(info)
                    && Files.readString(info).matches("(?s)\\s*/\\*\\*\\s*\\*\\s*\\S.*\\*/\\s*package .*");
        } catch (IOException e) {
            return false;
        }
    }
}
