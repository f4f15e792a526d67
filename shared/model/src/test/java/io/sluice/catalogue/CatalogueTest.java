package io.sluice.catalogue;

import static io.sluice.catalogue.JobDefinitionBuilder.job;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each jar (here: each directory) carries its own catalogue file; a class loader sees their union. */
class CatalogueTest {
    @TempDir
    Path root;

    private Path catalogueDirectory(String name, String... lines) throws IOException {
        Path dir = root.resolve(name);
        Path file = dir.resolve(Catalogue.RESOURCE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return dir;
    }

    private static ClassLoader loaderOf(Path... dirs) throws IOException {
        URL[] urls = new URL[dirs.length];
        for (int i = 0; i < dirs.length; i++) {
            urls[i] = dirs[i].toUri().toURL();
        }
        return new URLClassLoader(urls, null);
    }

    @Test
    void mergesTheCatalogueFilesOfEveryJar() throws IOException {
        JobDefinition tweet = job("tweet").handlerClass("a.TweetJob").build();
        JobDefinition mail = job("mail").handlerClass("a.MailJob").build();
        JobDefinition webhook = job("webhook").handlerClass("b.WebhookJob").build();
        ClassLoader loader = loaderOf(
                catalogueDirectory("a", Catalogue.toLine(tweet), "", Catalogue.toLine(mail)),
                catalogueDirectory("b", Catalogue.toLine(webhook)));

        Catalogue catalogue = Catalogue.load(loader);

        assertEquals(List.of("tweet", "mail", "webhook"), List.copyOf(catalogue.types()));
        assertEquals(webhook, catalogue.require("webhook"));
        assertEquals(Optional.of(tweet), catalogue.find("tweet"));
    }

    @Test
    void refusesATypeDeclaredInTwoJarsNamingBothClasses() throws IOException {
        ClassLoader loader = loaderOf(
                catalogueDirectory(
                        "a",
                        Catalogue.toLine(job("tweet").handlerClass("a.TweetJob").build())),
                catalogueDirectory(
                        "b",
                        Catalogue.toLine(
                                job("tweet").handlerClass("b.OtherTweetJob").build())));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Catalogue.load(loader));
        assertEquals("job type 'tweet' is declared twice: by a.TweetJob and by b.OtherTweetJob", e.getMessage());
    }

    @Test
    void isEmptyWhenNoJarCarriesACatalogue() throws IOException {
        assertTrue(Catalogue.load(loaderOf(root)).types().isEmpty());
    }

    @Test
    void refusesACorruptCatalogueFile() throws IOException {
        ClassLoader loader = loaderOf(catalogueDirectory("a", "{\"type\":\"tweet\""));
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Catalogue.load(loader));
        assertEquals("cannot read the job catalogue " + Catalogue.RESOURCE, e.getMessage());
    }

    @Test
    void requireListsTheKnownTypesForAnUnknownOne() {
        Catalogue catalogue = new Catalogue(List.of(
                job("tweet").build(), job("mail").handlerClass("x.MailJob").build()));
        assertEquals(
                "unknown job type 'sms'; the catalogue has: tweet, mail",
                assertThrows(IllegalArgumentException.class, () -> catalogue.require("sms"))
                        .getMessage());
        assertEquals(Optional.empty(), catalogue.find("sms"));
    }

    @Test
    void onlyKeepsTheNamedTypes() {
        Catalogue catalogue = new Catalogue(List.of(
                job("tweet").build(), job("mail").handlerClass("x.MailJob").build()));
        assertEquals(
                List.of("mail"), List.copyOf(catalogue.only(List.of("mail")).types()));
        assertThrows(IllegalArgumentException.class, () -> catalogue.only(List.of("sms")));
    }

    @Test
    void fromLineNamesACorruptLine() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Catalogue.fromLine("not json"));
        assertEquals("corrupt job catalogue line: not json", e.getMessage());
    }
}
