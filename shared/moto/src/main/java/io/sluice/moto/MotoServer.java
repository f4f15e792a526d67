package io.sluice.moto;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * moto's DynamoDB server, the open-source DynamoDB that sluice-local and Sluice's tests run on, started as a child
 * process of this JVM from the launcher script this module ships ({@code sluice_moto.py}).
 *
 * <p>Why a launcher and not {@code moto_server}: moto's threaded server answers requests in parallel without a lock
 * (two concurrent conditional claims can both succeed, a failed transaction restores a whole table over other
 * threads' writes), copies every table on each {@code TransactWriteItems}, and never deletes TTL-expired items. The
 * launcher serialises every request, snapshots only the items a transaction touches, sweeps expired items, binds
 * loopback only and exits when this JVM's end of its standard input closes, which the operating system does even when
 * the JVM is killed with SIGKILL: no orphan outlives sluice-local.
 *
 * <p>The interpreter is {@code python3}, or the one named by the {@code SLUICE_PYTHON} environment variable; it
 * needs {@code moto[server]} at exactly {@value #MOTO_VERSION}. When either is missing, {@link #start} throws a
 * {@link MotoUnavailableException} whose one-line message says what to install.
 */
public final class MotoServer implements AutoCloseable {
    /** The moto version the launcher's patches are written against; the launcher refuses any other. */
    public static final String MOTO_VERSION = "5.2.1";
    /** What a person should run when moto is missing. */
    public static final String INSTALL_HINT = "pip install 'moto[server]==" + MOTO_VERSION + "'";

    private static final String READY = "sluice-moto listening on ";
    private static final int EXIT_UNAVAILABLE = 3;
    private static final int EXIT_PORT_IN_USE = 4;

    private final Process process;
    private final URI endpoint;
    private final StderrTail stderr;

    private MotoServer(Process process, URI endpoint, StderrTail stderr) {
        this.process = process;
        this.endpoint = endpoint;
        this.stderr = stderr;
    }

    /**
     * Starts moto and waits until it serves requests.
     *
     * @throws MotoUnavailableException python3 or moto (at {@value #MOTO_VERSION}) is missing
     * @throws IllegalStateException the port is taken, or moto did not start in time
     */
    public static MotoServer start(MotoOptions options) {
        Objects.requireNonNull(options, "options");
        Path script = writeLauncher();
        List<String> command = new ArrayList<>(List.of(
                options.python(),
                script.toString(),
                "--host",
                options.host(),
                "--port",
                Integer.toString(options.port()),
                "--watch-stdin",
                "--sweep-seconds",
                Double.toString(options.sweepInterval().toMillis() / 1000.0)));
        if (options.dataFile() != null) {
            command.addAll(
                    List.of("--data-file", options.dataFile().toAbsolutePath().toString()));
        }
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
        } catch (IOException e) {
            throw new MotoUnavailableException(
                    options.python() + " was not found (" + e.getMessage() + "); Sluice's local "
                            + "DynamoDB is moto's server, which needs python3 with " + INSTALL_HINT
                            + " (or set SLUICE_PYTHON to the interpreter that has it)");
        }
        StderrTail stderr = StderrTail.drain(process.getErrorStream());
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> readyLine(process.getInputStream()));
        try {
            String line = ready.get(options.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
            if (line != null) {
                return new MotoServer(
                        process, URI.create(line.substring(READY.length()).trim()), stderr);
            }
        } catch (TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException(
                    "moto did not start within " + options.startTimeout().toSeconds() + " s on " + options.host() + ":"
                            + options.port() + stderr.describe());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting moto");
        } catch (ExecutionException e) {
            process.destroyForcibly();
            throw new IllegalStateException(
                    "could not read moto's output: " + e.getCause().getMessage());
        }
        throw startFailure(process, options, stderr);
    }

    private static RuntimeException startFailure(Process process, MotoOptions options, StderrTail stderr) {
        int code;
        try {
            code = process.waitFor(10, TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            code = -1;
        }
        stderr.awaitEnd();
        String message = stderr.personalMessage();
        if (code == EXIT_UNAVAILABLE) {
            return new MotoUnavailableException(
                    message != null
                            ? message
                            : "moto is not usable with " + options.python() + "; install it with " + INSTALL_HINT);
        }
        if (code == EXIT_PORT_IN_USE) {
            return new IllegalStateException(message != null ? message : "port " + options.port() + " is in use");
        }
        return new IllegalStateException(
                "moto exited with code " + code + " before serving requests" + stderr.describe());
    }

    private static String readyLine(InputStream stdout) {
        BufferedReader reader = new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8));
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith(READY)) {
                    drainQuietly(reader);
                    return line;
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // The child's later output must be read or a full pipe would block it.
    private static void drainQuietly(BufferedReader reader) {
        Thread drain = new Thread(
                () -> {
                    try {
                        while (reader.readLine() != null) {
                            // moto prints nothing more we need
                        }
                    } catch (IOException ignored) {
                        // the child has gone
                    }
                },
                "sluice-moto-stdout");
        drain.setDaemon(true);
        drain.start();
    }

    private static Path writeLauncher() {
        try (InputStream script = MotoServer.class.getResourceAsStream("sluice_moto.py")) {
            if (script == null) {
                throw new IllegalStateException("sluice_moto.py is missing from the sluice-moto jar");
            }
            Path file = Files.createTempFile("sluice-moto-", ".py");
            file.toFile().deleteOnExit();
            Files.copy(script, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write moto's launcher to a temporary file", e);
        }
    }

    /** Where to send DynamoDB requests, for example {@code http://127.0.0.1:8000}. */
    public URI endpoint() {
        return endpoint;
    }

    /** Whether the child process still runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** The child's process id (tests check it ends with its parent). */
    public long pid() {
        return process.pid();
    }

    /**
     * Stops moto: closing its standard input makes it save its tables (with a data file) and exit; it is killed if
     * it has not exited within ten seconds.
     */
    @Override
    public void close() {
        try {
            OutputStream stdin = process.getOutputStream();
            stdin.close();
        } catch (IOException ignored) {
            // already closed: the process is ending anyway
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The last lines moto wrote to standard error, kept to explain a failed start. */
    private static final class StderrTail {
        private static final int LINES = 20;
        private final Deque<String> lines = new ArrayDeque<>();
        private final Thread reader;

        private StderrTail(InputStream stream) {
            this.reader = new Thread(() -> read(stream), "sluice-moto-stderr");
            reader.setDaemon(true);
        }

        static StderrTail drain(InputStream stream) {
            StderrTail tail = new StderrTail(stream);
            tail.reader.start();
            return tail;
        }

        private void read(InputStream stream) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    synchronized (lines) {
                        if (lines.size() == LINES) {
                            lines.removeFirst();
                        }
                        lines.addLast(line);
                    }
                }
            } catch (IOException ignored) {
                // the child has gone
            }
        }

        void awaitEnd() {
            try {
                reader.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** The launcher's own one-line message for a person, without its prefix. */
        String personalMessage() {
            synchronized (lines) {
                for (String line : lines) {
                    if (line.startsWith("sluice-moto: ")) {
                        return line.substring("sluice-moto: ".length());
                    }
                }
                return null;
            }
        }

        String describe() {
            synchronized (lines) {
                return lines.isEmpty() ? "" : "; moto said: " + String.join(" | ", lines);
            }
        }
    }
}
