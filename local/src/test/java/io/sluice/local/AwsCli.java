package io.sluice.local;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code aws} binary pointed at a sluice-local endpoint with throwaway credentials, as the README tells a
 * user to run it; tests that use it skip, saying why, where it is not installed.
 */
final class AwsCli {
    /** Why a test cannot run here, for {@code assumeTrue}. */
    static final String MISSING = "the AWS CLI ('aws') is not on PATH, so the CLI round trip cannot be shown here";

    /** What one command printed (stdout and stderr) and its exit code. */
    record Result(int code, String output) {}

    private AwsCli() {}

    static boolean installed() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (new File(dir, "aws").canExecute()) {
                return true;
            }
        }
        return false;
    }

    /** {@code aws --endpoint-url <endpoint> --region us-east-1 --output json <args>}. */
    static Result run(String endpoint, String... args) throws Exception {
        List<String> command = new ArrayList<>(
                List.of("aws", "--endpoint-url", endpoint, "--region", "us-east-1", "--output", "json"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("AWS_ACCESS_KEY_ID", "local");
        pb.environment().put("AWS_SECRET_ACCESS_KEY", "local");
        pb.environment().remove("AWS_PROFILE");
        pb.redirectErrorStream(true);
        Process process = pb.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "aws exited");
        return new Result(process.exitValue(), output);
    }
}
