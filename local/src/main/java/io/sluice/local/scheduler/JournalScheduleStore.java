package io.sluice.local.scheduler;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.envelope.SluiceJson;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the scheduler's schedules in a data directory as a snapshot plus an append-only journal, so that a change
 * costs one appended line whatever the number of schedules, and the files stay bounded.
 *
 * <ul>
 *   <li>{@value #SNAPSHOT_NAME}: a whole {@link SchedulerSnapshot} as JSON, the state as of the last compaction
 *       (the same file and format earlier sluice-local versions wrote after every change, so they are read as is);
 *   <li>{@value #JOURNAL_NAME}: one JSON line per change since then ({@code put} or {@code delete} of a schedule or
 *       group), written and flushed to the operating system before the change is acknowledged, so SIGKILL loses
 *       nothing acknowledged. A last line torn by a crash mid-write is skipped with a warning.
 * </ul>
 *
 * <p>Compaction writes the current state to a temporary file, moves it over the snapshot atomically and empties the
 * journal; it runs when the journal holds more lines than {@link #COMPACT_AFTER} and twice the live records, and at
 * {@link #close()}. A crash during compaction leaves the old snapshot and the full journal, which replay to the same
 * state; the temporary file is deleted on every path out of compaction, and one left by a SIGKILL is removed at the
 * next start.
 *
 * <p>Why a journal and not an embedded database (H2 is on the classpath for ElasticMQ): the state is small records
 * already serialised as JSON, read whole at start and never queried from disk, so a journal is all the durability
 * needed, with no second database file format or schema to migrate, and the snapshot stays readable with {@code jq}.
 */
public final class JournalScheduleStore implements ScheduleStore {
    /** The snapshot's name inside sluice-local's data directory. */
    public static final String SNAPSHOT_NAME = "sluice-scheduler.json";
    /** The journal's name inside sluice-local's data directory. */
    public static final String JOURNAL_NAME = "sluice-scheduler.journal";
    /** Journal lines below which compaction never runs. */
    public static final int COMPACT_AFTER = 20_000;

    private static final Logger LOG = LoggerFactory.getLogger(JournalScheduleStore.class);
    private static final String TEMPORARY_SUFFIX = ".tmp";

    /** One journal line. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Change(String op, Schedule schedule, ScheduleGroup group, String key) {}

    private final Path directory;
    private final ObjectMapper json = SluiceJson.mapper();
    private final TreeMap<String, ScheduleGroup> groups = new TreeMap<>();
    private final TreeMap<String, Schedule> schedules = new TreeMap<>();
    private BufferedWriter journal;
    private long journalLines;
    private boolean closed;

    private JournalScheduleStore(Path directory) {
        this.directory = directory;
    }

    /** The store of a data directory. */
    public static JournalScheduleStore inDirectory(Path directory) {
        return new JournalScheduleStore(directory);
    }

    public Path snapshotFile() {
        return directory.resolve(SNAPSHOT_NAME);
    }

    public Path journalFile() {
        return directory.resolve(JOURNAL_NAME);
    }

    @Override
    public synchronized SchedulerSnapshot load() {
        try {
            Files.createDirectories(directory);
            removeLeftoverTemporaries();
            readSnapshot();
            replayJournal();
            journal = Files.newBufferedWriter(
                    journalFile(), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the scheduler's files in " + directory, e);
        }
        return snapshot();
    }

    private void readSnapshot() {
        Path file = snapshotFile();
        if (!Files.exists(file)) {
            return;
        }
        SchedulerSnapshot snapshot;
        try {
            snapshot = json.readValue(file.toFile(), SchedulerSnapshot.class);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot read the scheduler's schedules from " + file + " (" + e.getMessage() + "); move it and "
                            + JOURNAL_NAME + " away to start with no schedules",
                    e);
        }
        if (snapshot.version() != SchedulerSnapshot.VERSION) {
            throw new IllegalStateException("the scheduler file " + file + " has format version " + snapshot.version()
                    + "; this sluice-local reads version " + SchedulerSnapshot.VERSION);
        }
        snapshot.groups().forEach(g -> groups.put(g.name(), g));
        snapshot.schedules().forEach(s -> schedules.put(s.key(), s));
    }

    private void replayJournal() throws IOException {
        Path file = journalFile();
        if (!Files.exists(file)) {
            return;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            Change change;
            try {
                change = json.readValue(line, Change.class);
            } catch (IOException e) {
                if (i == lines.size() - 1) {
                    // The process died while writing this line; the change it held was never acknowledged.
                    LOG.warn("skipping the torn last line of {} (the change it held was not acknowledged)", file);
                    break;
                }
                throw new IllegalStateException(
                        "line " + (i + 1) + " of " + file + " is not a scheduler change (" + e.getMessage()
                                + "); move it away to start from " + SNAPSHOT_NAME + " alone",
                        e);
            }
            apply(change);
            journalLines++;
        }
        if (!lines.isEmpty() && !lines.get(lines.size() - 1).isEmpty() && !endsWithNewline(file)) {
            // Start the next change on a line of its own after a torn one.
            Files.writeString(file, "\n", StandardOpenOption.APPEND);
        }
    }

    private static boolean endsWithNewline(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return bytes.length == 0 || bytes[bytes.length - 1] == '\n';
    }

    private void apply(Change change) {
        switch (change.op()) {
            case "put-schedule" -> schedules.put(change.schedule().key(), change.schedule());
            case "delete-schedule" -> schedules.remove(change.key());
            case "put-group" -> groups.put(change.group().name(), change.group());
            case "delete-group" -> groups.remove(change.key());
            default ->
                throw new IllegalStateException("unknown scheduler journal operation '" + change.op()
                        + "'; expected put-schedule, delete-schedule, put-group or delete-group");
        }
    }

    @Override
    public void putGroup(ScheduleGroup group) {
        append(new Change("put-group", null, group, null));
    }

    @Override
    public void deleteGroup(String name) {
        append(new Change("delete-group", null, null, name));
    }

    @Override
    public void putSchedule(Schedule schedule) {
        append(new Change("put-schedule", schedule, null, null));
    }

    @Override
    public void deleteSchedule(String key) {
        append(new Change("delete-schedule", null, null, key));
    }

    private synchronized void append(Change change) {
        if (closed || journal == null) {
            throw new IllegalStateException("the scheduler's store in " + directory + " is "
                    + (closed ? "closed (sluice-local is stopping)" : "not loaded yet"));
        }
        apply(change);
        try {
            journal.write(json.writeValueAsString(change));
            journal.write('\n');
            journal.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the scheduler's journal " + journalFile(), e);
        }
        journalLines++;
        if (journalLines > COMPACT_AFTER && journalLines > 2L * (schedules.size() + groups.size())) {
            compact();
        }
    }

    /** Writes the current state as the snapshot and empties the journal. */
    private void compact() {
        Path temporary = null;
        try {
            temporary = Files.createTempFile(directory, SNAPSHOT_NAME, TEMPORARY_SUFFIX);
            json.writeValue(temporary.toFile(), snapshot());
            try {
                Files.move(
                        temporary, snapshotFile(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, snapshotFile(), StandardCopyOption.REPLACE_EXISTING);
            }
            // Only once the snapshot holds every change may the journal be emptied.
            if (journal != null) {
                journal.close();
            }
            journal = Files.newBufferedWriter(
                    journalFile(),
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
            journalLines = 0;
        } catch (IOException e) {
            // The old snapshot and the whole journal still replay to the current state; try again later.
            LOG.warn("could not compact the scheduler's journal in {}: {}", directory, e.toString());
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException e) {
                    LOG.warn("could not delete {}: {}", temporary, e.toString());
                }
            }
        }
    }

    private void removeLeftoverTemporaries() throws IOException {
        try (var files = Files.list(directory)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                if (name.startsWith(SNAPSHOT_NAME) && name.endsWith(TEMPORARY_SUFFIX)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private SchedulerSnapshot snapshot() {
        return new SchedulerSnapshot(
                SchedulerSnapshot.VERSION, List.copyOf(groups.values()), List.copyOf(schedules.values()));
    }

    /** Compacts (so the next start reads one file) and closes the journal. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        if (journal != null && journalLines > 0) {
            compact();
        }
        closed = true;
        if (journal != null) {
            try {
                journal.close();
            } catch (IOException e) {
                LOG.warn("could not close {}: {}", journalFile(), e.toString());
            }
        }
    }
}
