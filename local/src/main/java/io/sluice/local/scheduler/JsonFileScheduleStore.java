package io.sluice.local.scheduler;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.envelope.SluiceJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Keeps the scheduler's {@link SchedulerSnapshot} in one JSON file, so that schedules, groups and how far each
 * schedule has fired survive a restart of {@code sluice-local up --data-dir DIR}. Every save writes a temporary
 * file next to the real one and moves it into place, so a crash mid-write leaves the previous file whole.
 */
public final class JsonFileScheduleStore implements ScheduleStore {
    /** The file's name inside sluice-local's data directory. */
    public static final String FILE_NAME = "sluice-scheduler.json";

    private final Path file;
    private final ObjectMapper json = SluiceJson.mapper();

    public JsonFileScheduleStore(Path file) {
        this.file = file;
    }

    /** The store of a data directory: {@code <dir>/}{@value #FILE_NAME}. */
    public static JsonFileScheduleStore inDirectory(Path directory) {
        return new JsonFileScheduleStore(directory.resolve(FILE_NAME));
    }

    public Path file() {
        return file;
    }

    @Override
    public SchedulerSnapshot load() {
        if (!Files.exists(file)) {
            return SchedulerSnapshot.empty();
        }
        SchedulerSnapshot snapshot;
        try {
            snapshot = json.readValue(file.toFile(), SchedulerSnapshot.class);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot read the scheduler's schedules from " + file + " (" + e.getMessage()
                            + "); move the file away to start with no schedules",
                    e);
        }
        if (snapshot.version() != SchedulerSnapshot.VERSION) {
            throw new IllegalStateException("the scheduler file " + file + " has format version " + snapshot.version()
                    + "; this sluice-local reads version " + SchedulerSnapshot.VERSION);
        }
        return snapshot;
    }

    @Override
    public void save(SchedulerSnapshot snapshot) {
        try {
            Path directory = file.toAbsolutePath().getParent();
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, FILE_NAME, ".tmp");
            try {
                json.writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), snapshot);
                try {
                    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the scheduler's schedules to " + file, e);
        }
    }
}
