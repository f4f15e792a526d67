package io.sluice.moto;

import java.util.Set;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Names the priority of the queue a client's requests are made for in an {@value #HEADER} header, so the launcher's
 * one lock ({@link MotoServer}) serves a high-priority job's requests before a low-priority flood's, as AWS, which
 * shares nothing between them, would. For sluice-local's clients only: the launcher treats a request without it as
 * normal, and nothing else reads it.
 */
public final class RequestPriority implements ExecutionInterceptor {
    /** The header the launcher reads. */
    public static final String HEADER = "X-Sluice-Priority";

    private static final Set<String> LEVELS = Set.of("high", "normal", "low");

    private final String priority;

    /** @param priority {@code high}, {@code normal} or {@code low}: the priority of the queue the client serves */
    public RequestPriority(String priority) {
        if (!LEVELS.contains(priority)) {
            throw new IllegalArgumentException("priority '" + priority + "' is not high, normal or low");
        }
        this.priority = priority;
    }

    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        return context.httpRequest().toBuilder().putHeader(HEADER, priority).build();
    }
}
