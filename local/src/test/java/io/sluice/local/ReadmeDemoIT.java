package io.sluice.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's first command, as a newcomer runs it: {@code bin/sluice demo} (the launcher running the packaged
 * {@code sluice-local.jar}) with its default 1,000 webhook jobs, in a process of its own, must exit 0 with every job
 * accounted for ({@code bin/setup} and the build, the command's first two steps, are what the suite itself ran on). The demo failed twice on main while
 * every smaller test passed (lanes starved by the store emulator, then interrupted mid-write), so the real command at
 * its real size is what this pins. The README is read first, so the test breaks if the README stops running the demo
 * this way. No time is asserted: the demo itself gives up only when no job finishes for its stall limit.
 */
class ReadmeDemoIT {
    private static final Pattern FIRST_COMMAND = Pattern.compile("## Try it\\s+```sh\\n(.*?)\\n```", Pattern.DOTALL);

    @Test
    void theReadmesFirstCommandRunsTheDemoToABalancedEnd() throws Exception {
        Path readme = Path.of("..", "README.md");
        Matcher first = FIRST_COMMAND.matcher(Files.readString(readme));
        assertTrue(first.find(), "README.md has a '## Try it' section with a sh block");
        String command = first.group(1);
        assertTrue(
                command.strip().endsWith("&& bin/sluice demo"),
                "the README's first command ends by running the packaged demo: " + command);

        Path jar = Path.of(System.getProperty("sluice.local.jar", "target/sluice-local.jar"));
        assertTrue(Files.exists(jar), "packaged jar at " + jar);
        Path log = Files.createTempFile("sluice-readme-demo", ".log");
        // bin/sluice runs `java` from PATH; the suite's own JVM goes first so the demo runs on the JDK the build used.
        ProcessBuilder launcher =
                new ProcessBuilder("sh", Path.of("..", "bin", "sluice").toString(), "demo");
        Path javaBin = Path.of(System.getProperty("java.home"), "bin");
        launcher.environment().merge("PATH", javaBin.toString(), (path, jdk) -> jdk + File.pathSeparator + path);
        Process demo =
                launcher.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // A guard against a hung process only; the demo's own stall limit (2 minutes without a finished job) ends it.
        boolean ended = demo.waitFor(20, TimeUnit.MINUTES);
        if (!ended) {
            demo.destroyForcibly();
        }
        String output = Files.readString(log);
        assertTrue(ended, "the demo ended by itself:\n" + output);
        assertEquals(0, demo.exitValue(), output);
        assertTrue(output.contains("OK: every job is accounted for."), output);
        Matcher lost = Pattern.compile("unaccounted for \\(lost\\)\\s+(\\d+)").matcher(output);
        assertTrue(lost.find(), output);
        assertEquals("0", lost.group(1), output);
        assertTrue(Pattern.compile("messages sent\\s+1006\\b").matcher(output).find(), output);
    }
}
