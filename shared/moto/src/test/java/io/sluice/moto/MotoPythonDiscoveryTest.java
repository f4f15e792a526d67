package io.sluice.moto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which python3 moto is started with when nobody names one: SLUICE_PYTHON, then the project's .venv, then python3. */
class MotoPythonDiscoveryTest {

    @Test
    void sluicePythonWinsOverAProjectVirtualEnvironment(@TempDir Path dir) throws Exception {
        Path venv = venvWithPython(dir);
        assertEquals(
                "/opt/py/bin/python3", MotoOptions.defaultPython(Map.of("SLUICE_PYTHON", "/opt/py/bin/python3"), venv));
    }

    @Test
    void theProjectVirtualEnvironmentIsUsedWithoutAFlag(@TempDir Path dir) throws Exception {
        Path venv = venvWithPython(dir);
        assertEquals(
                venv.resolve("bin/python3").toAbsolutePath().toString(), MotoOptions.defaultPython(Map.of(), venv));
    }

    @Test
    void withNeitherItIsPython3OnThePath(@TempDir Path dir) {
        assertEquals("python3", MotoOptions.defaultPython(Map.of("SLUICE_PYTHON", " "), dir.resolve(".venv")));
    }

    private static Path venvWithPython(Path dir) throws Exception {
        Path venv = dir.resolve(".venv");
        Files.createDirectories(venv.resolve("bin"));
        Path python = Files.createFile(venv.resolve("bin/python3"));
        Files.setPosixFilePermissions(python, PosixFilePermissions.fromString("rwxr-xr-x"));
        return venv;
    }
}
