package io.sluice.local.esm;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The Lambda {@link Context} of one emulated invocation. Its remaining time counts down from the
 * function timeout the topology derived, on an injectable clock, so the runtime's deadline rule behaves
 * exactly as it does on Lambda.
 */
public final class LocalLambdaContext implements Context {
    private final String functionName;
    private final int memoryMb;
    private final Instant deadline;
    private final Clock clock;
    private final String requestId = UUID.randomUUID().toString();

    public LocalLambdaContext(String functionName, int memoryMb, Duration timeout, Clock clock) {
        this.functionName = functionName;
        this.memoryMb = memoryMb;
        this.clock = clock;
        this.deadline = clock.instant().plus(timeout);
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return "sluice-local";
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
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
        return (int) Math.max(0, Duration.between(clock.instant(), deadline).toMillis());
    }

    @Override
    public int getMemoryLimitInMB() {
        return memoryMb;
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                System.err.print(message);
            }

            @Override
            public void log(byte[] message) {
                System.err.print(new String(message, StandardCharsets.UTF_8));
            }
        };
    }
}
