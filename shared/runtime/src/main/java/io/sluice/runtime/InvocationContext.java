package io.sluice.runtime;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.IntSupplier;

/**
 * The Lambda {@link Context} of an invocation Sluice makes itself rather than Lambda: the SnapStart rehearsal's and
 * sluice-local's emulated ones. The caller names the function as it wants it seen; the remaining time counts down to a
 * deadline set when the invocation starts, so the runtime's deadline rule behaves as it does on Lambda. The one main
 * code Context of Sluice; two others stay apart on purpose: the test fixture {@code TestLambdaContext} (sluice-testing
 * is below sluice-runtime, whose tests use it) and the cold-start bench's {@code BenchContext} (its launcher carries
 * nothing of Sluice's, so the measurement stays honest).
 */
public final class InvocationContext implements Context {
    /** A logger that drops what it is given. */
    public static final LambdaLogger SILENT = new LambdaLogger() {
        @Override
        public void log(String message) {}

        @Override
        public void log(byte[] message) {}
    };

    /** A logger that prints what it is given to standard error as is, as Lambda's runtime writes it to its log. */
    public static final LambdaLogger STANDARD_ERROR = new LambdaLogger() {
        @Override
        public void log(String message) {
            System.err.print(message);
        }

        @Override
        public void log(byte[] message) {
            System.err.print(new String(message, StandardCharsets.UTF_8));
        }
    };

    private final String requestId;
    private final String functionName;
    private final String functionVersion;
    private final String logGroupName;
    private final String logStreamName;
    private final int memoryMb;
    private final IntSupplier remainingMillis;
    private final LambdaLogger logger;

    /**
     * @param remainingMillis the remaining time, usually {@link #countingDown(Duration)} or {@link
     *     #countingDown(Clock, Duration)}
     */
    public InvocationContext(
            String requestId,
            String functionName,
            String functionVersion,
            String logGroupName,
            String logStreamName,
            int memoryMb,
            IntSupplier remainingMillis,
            LambdaLogger logger) {
        this.requestId = requestId;
        this.functionName = functionName;
        this.functionVersion = functionVersion;
        this.logGroupName = logGroupName;
        this.logStreamName = logStreamName;
        this.memoryMb = memoryMb;
        this.remainingMillis = remainingMillis;
        this.logger = logger;
    }

    /** Time left that runs down from {@code timeout}, from now, on the JVM's monotonic clock. */
    public static IntSupplier countingDown(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        return () -> (int) Math.max(0, (deadline - System.nanoTime()) / 1_000_000L);
    }

    /** Time left that runs down from {@code timeout}, from now, on {@code clock} (an emulator's, a test's). */
    public static IntSupplier countingDown(Clock clock, Duration timeout) {
        Instant deadline = clock.instant().plus(timeout);
        return () ->
                (int) Math.max(0, Duration.between(clock.instant(), deadline).toMillis());
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return logGroupName;
    }

    @Override
    public String getLogStreamName() {
        return logStreamName;
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return functionVersion;
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:us-east-1:000000000000:function:" + functionName;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return remainingMillis.getAsInt();
    }

    @Override
    public int getMemoryLimitInMB() {
        return memoryMb;
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }
}
