package io.sluice.functions.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSecretSourceTest {
    @TempDir
    Path dir;

    private Path file(String json) throws Exception {
        Path path = dir.resolve("secrets.json");
        Files.writeString(path, json);
        return path;
    }

    @Test
    void aStringValueIsReturnedAsItIsAndAnObjectAsCompactJson() throws Exception {
        FileSecretSource source = new FileSecretSource(file("""
                { "plain": "s3cr3t", "sluice/x-credentials": { "consumerKey": "ck", "consumerSecret": "cs" } }
                """));
        assertEquals("s3cr3t", source.secret("plain"));
        assertEquals("{\"consumerKey\":\"ck\",\"consumerSecret\":\"cs\"}", source.secret("sluice/x-credentials"));
    }

    @Test
    void aMissingSecretIsNamedWithTheFileAndNoValueLeaks() throws Exception {
        FileSecretSource source = new FileSecretSource(file("{ \"other\": \"hunter2-value\" }"));
        SecretNotFoundException e =
                assertThrows(SecretNotFoundException.class, () -> source.secret("sluice/x-credentials"));
        assertEquals("sluice/x-credentials", e.secretName());
        assertTrue(
                e.getMessage().contains("'sluice/x-credentials'")
                        && e.getMessage().contains(SecretSource.FILE_KEY),
                e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void aFileThatIsNotJsonIsReportedByPositionWithoutQuotingIt() throws Exception {
        FileSecretSource source = new FileSecretSource(file("{ \"a\": \"hunter2-value\", oops-hunter2 }"));
        SecretUnavailableException e = assertThrows(SecretUnavailableException.class, () -> source.secret("a"));
        assertTrue(e.getMessage().contains("is not valid JSON at line 1"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertEquals(null, e.getCause(), "a parser exception would quote the file");
    }

    @Test
    void aMissingFileOrAWrongShapeIsUnavailableNotNotFound() throws Exception {
        SecretUnavailableException missing = assertThrows(
                SecretUnavailableException.class, () -> new FileSecretSource(dir.resolve("nope.json")).secret("a"));
        assertFalse(missing instanceof SecretNotFoundException);
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
        SecretUnavailableException array =
                assertThrows(SecretUnavailableException.class, () -> new FileSecretSource(file("[1]")).secret("a"));
        assertTrue(array.getMessage().contains("one JSON object keyed by secret name"), array.getMessage());
        SecretNotFoundException number = assertThrows(
                SecretNotFoundException.class, () -> new FileSecretSource(file("{\"a\": 42}")).secret("a"));
        assertTrue(number.getMessage().contains("must be a string or a JSON object"), number.getMessage());
    }

    @Test
    void editsShowAtOnce() throws Exception {
        Path path = file("{ \"a\": \"one\" }");
        FileSecretSource source = new FileSecretSource(path);
        assertEquals("one", source.secret("a"));
        Files.writeString(path, "{ \"a\": \"two\" }");
        assertEquals("two", source.secret("a"));
    }
}
