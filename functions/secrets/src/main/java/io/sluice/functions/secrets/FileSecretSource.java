package io.sluice.functions.secrets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Secrets from a local JSON file, for sluice-local and tests, selected by {@code SLUICE_SECRETS_FILE}.
 * The file is one object keyed by secret name, exactly as the name would be in Secrets Manager; a value is
 * either a string (returned as it is) or a JSON object or array (returned as its compact JSON text, just as
 * a JSON secret's {@code SecretString} would be):
 *
 * <pre>{@code
 * { "sluice/x-credentials": { "consumerKey": "…", "consumerSecret": "…", "accessToken": "…", "accessTokenSecret": "…" },
 *   "plain-token": "s3cr3t" }
 * }</pre>
 *
 * <p>The file is read on every call, so editing it takes effect at once. Parse errors name the line and
 * column only: a parser's own message could quote the file's text.
 */
public final class FileSecretSource implements SecretSource {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    public FileSecretSource(Path file) {
        this.file = file;
    }

    @Override
    public String secret(String name) {
        JsonNode root = read(name);
        JsonNode value = root.get(name);
        if (value == null || value.isNull()) {
            throw new SecretNotFoundException(name, "secret '" + name + "' is not in " + FILE_KEY + " " + file);
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isContainerNode()) {
            return value.toString();
        }
        throw new SecretNotFoundException(
                name, "secret '" + name + "' in " + file + " must be a string or a JSON object");
    }

    private JsonNode read(String name) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null
                    ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr();
            throw new SecretUnavailableException(name, FILE_KEY + " " + file + " is not valid JSON" + where);
        } catch (NoSuchFileException e) {
            throw new SecretUnavailableException(name, FILE_KEY + " " + file + " does not exist");
        } catch (IOException e) {
            throw new SecretUnavailableException(
                    name,
                    FILE_KEY + " " + file + " could not be read: "
                            + e.getClass().getSimpleName());
        }
        if (root == null || !root.isObject()) {
            throw new SecretUnavailableException(
                    name, FILE_KEY + " " + file + " must hold one JSON object keyed by secret name");
        }
        return root;
    }
}
