package io.sluice.moto;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How to start {@link MotoServer}.
 *
 * @param python the interpreter that has moto; default {@code SLUICE_PYTHON}, else {@code .venv/bin/python3}, else {@code python3}
 * @param host the address to bind; loopback only ({@code 127.0.0.1}, {@code localhost} or {@code ::1}), since the
 *     emulator checks no credentials
 * @param port the port, 0 for any free one (see {@link MotoServer#endpoint()})
 * @param dataFile where the tables are kept across restarts, or {@code null} to keep them in memory only
 * @param sweepInterval how often TTL-expired items are deleted; default 30 s (DynamoDB takes up to a few days)
 * @param startTimeout how long to wait for moto to serve requests; default 60 s
 */
public record MotoOptions(
        String python, String host, int port, Path dataFile, Duration sweepInterval, Duration startTimeout) {
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1");

    public MotoOptions {
        Objects.requireNonNull(python, "python");
        Objects.requireNonNull(host, "host");
        if (!LOOPBACK.contains(host)) {
            throw new IllegalArgumentException(
                    "moto must bind a loopback address (127.0.0.1, localhost or ::1), not " + host);
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0 (any free port) to 65535, not " + port);
        }
        if (sweepInterval.isNegative() || sweepInterval.isZero()) {
            throw new IllegalArgumentException("sweepInterval must be positive, not " + sweepInterval);
        }
    }

    /** 127.0.0.1 on the given port, in memory, with the interpreter from the process environment. */
    public static MotoOptions onPort(int port) {
        return new MotoOptions(
                defaultPython(System.getenv(), Path.of(".venv")),
                "127.0.0.1",
                port,
                null,
                Duration.ofSeconds(30),
                Duration.ofSeconds(60));
    }

    /**
     * {@code SLUICE_PYTHON} if set; else the project virtual environment's interpreter, {@code .venv/bin/python3} in
     * the working directory, if there is one (what {@code bin/setup} creates where the system python3 lacks moto and
     * refuses a system-wide pip install, as Debian's does under PEP 668); else {@code python3}.
     */
    static String defaultPython(Map<String, String> environment, Path virtualEnvironment) {
        String configured = environment.get("SLUICE_PYTHON");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        Path venvPython = virtualEnvironment.resolve("bin").resolve("python3");
        if (Files.isExecutable(venvPython)) {
            return venvPython.toAbsolutePath().toString();
        }
        return "python3";
    }

    public MotoOptions withDataFile(Path value) {
        return new MotoOptions(python, host, port, value, sweepInterval, startTimeout);
    }

    public MotoOptions withPython(String value) {
        return new MotoOptions(value, host, port, dataFile, sweepInterval, startTimeout);
    }

    public MotoOptions withSweepInterval(Duration value) {
        return new MotoOptions(python, host, port, dataFile, value, startTimeout);
    }
}
