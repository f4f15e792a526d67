package io.sluice.testing;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A Lambda {@link Context} whose remaining time the test sets; fixed, or counting down like Lambda's. Every test
 * that needs a Context uses this one. It is not the runtime's {@code io.sluice.runtime.InvocationContext} (the one
 * main-code Context, which the SnapStart rehearsal and sluice-local's emulated invocations share) because this module
 * sits below sluice-runtime: the runtime's tests and the Jobs API's, which carry no runtime, use this one. The
 * cold-start bench's {@code BenchContext} stays apart too (its launcher depends on nothing of Sluice's).
 */
public final class TestLambdaContext implements Context {
    private final int remainingMillis;
    private final long startNanos = System.nanoTime();
    private final boolean countsDown;
    private final String requestId = UUID.randomUUID().toString();

    public TestLambdaContext(int remainingMillis) {
        this(remainingMillis, false);
    }

    private TestLambdaContext(int remainingMillis, boolean countsDown) {
        this.remainingMillis = remainingMillis;
        this.countsDown = countsDown;
    }

    /** Remaining time that runs down from {@code remainingMillis} as real time passes. */
    public static TestLambdaContext countingDown(int remainingMillis) {
        return new TestLambdaContext(remainingMillis, true);
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/sluice-testjob";
    }

    @Override
    public String getLogStreamName() {
        return "2026/11/23/[$LATEST]0123456789abcdef";
    }

    @Override
    public String getFunctionName() {
        return "sluice-testjob";
    }

    @Override
    public String getFunctionVersion() {
        return "1";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:us-east-1:123456789012:function:sluice-testjob:live";
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
        if (!countsDown) {
            return remainingMillis;
        }
        return (int) Math.max(0, remainingMillis - (System.nanoTime() - startNanos) / 1_000_000);
    }

    @Override
    public int getMemoryLimitInMB() {
        return 512;
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                System.out.println(message);
            }

            @Override
            public void log(byte[] message) {
                System.out.println(new String(message, StandardCharsets.UTF_8));
            }
        };
    }
}
