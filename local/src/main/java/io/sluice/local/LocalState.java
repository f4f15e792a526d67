package io.sluice.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The small file a running {@code sluice-local up} writes so that client commands in other terminals find it:
 * its process id, app, and the endpoints of its SQS, DynamoDB, Scheduler, Lambda (event source mappings), CloudWatch
 * and Jobs HTTP API, and the token the Jobs API wants on every write ({@code Sluice-Token}). It lives in
 * {@code $SLUICE_STATE_DIR} (default {@code ~/.sluice}) as {@value #FILE}, readable by its owner only (the token is a
 * credential: whoever reads it can drive the API), is replaced atomically, and is removed when {@code up} stops; a
 * file whose process is gone is ignored.
 */
public record LocalState(
        long pid,
        String app,
        URI sqs,
        URI dynamoDb,
        URI scheduler,
        URI lambda,
        URI cloudWatch,
        URI api,
        String apiToken,
        Instant startedAt) {
    public static final String FILE = "sluice-local.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where the file is for this environment. */
    public static Path path(Map<String, String> environment) {
        String dir = environment.get("SLUICE_STATE_DIR");
        Path base = dir != null && !dir.isBlank() ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".sluice");
        return base.resolve(FILE);
    }

    /** The state of a running {@code up}, if the file names a live process. */
    public static Optional<LocalState> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            var node = JSON.readTree(file.toFile());
            LocalState state = new LocalState(
                    node.path("pid").asLong(),
                    node.path("app").asText(null),
                    uri(node.path("sqs").asText(null)),
                    uri(node.path("dynamodb").asText(null)),
                    uri(node.path("scheduler").asText(null)),
                    uri(node.path("lambda").asText(null)),
                    uri(node.path("cloudwatch").asText(null)),
                    uri(node.path("api").asText(null)),
                    node.path("token").asText(null),
                    node.hasNonNull("startedAt")
                            ? Instant.parse(node.get("startedAt").asText())
                            : null);
            return ProcessHandle.of(state.pid()).filter(ProcessHandle::isAlive).map(p -> state);
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // unreadable: as if there were none; up rewrites it
        }
    }

    /** Writes the file (atomically, through a temporary file beside it). */
    public void write(Path file) {
        try {
            Files.createDirectories(file.getParent());
            var node = JSON.createObjectNode();
            node.put("pid", pid);
            node.put("app", app);
            node.put("sqs", String.valueOf(sqs));
            node.put("dynamodb", String.valueOf(dynamoDb));
            node.put("scheduler", String.valueOf(scheduler));
            node.put("lambda", String.valueOf(lambda));
            node.put("cloudwatch", String.valueOf(cloudWatch));
            node.put("api", String.valueOf(api));
            node.put("token", apiToken);
            node.put("startedAt", String.valueOf(startedAt));
            Path temporary = file.resolveSibling(FILE + "." + pid + ".tmp");
            Files.deleteIfExists(temporary);
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(
                        temporary,
                        java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            }
            JSON.writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), node);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot write " + file + ": " + e.getMessage() + "; set SLUICE_STATE_DIR to a writable directory",
                    e);
        }
    }

    /** Removes the file if it is still this process's. */
    public static void remove(Path file, long pid) {
        read(file).filter(s -> s.pid() == pid).ifPresent(s -> {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // Left behind: readers ignore it once this process is gone.
            }
        });
    }

    private static URI uri(String text) {
        return text == null || text.equals("null") ? null : URI.create(text);
    }
}
