package io.sluice.ops.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.sluice.ops.OperationsClients;
import io.sluice.ops.SluiceOperations;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The Jobs API on AWS: the Lambda behind the API Gateway HTTP API (payload format 2.0), handing each request to the
 * same {@link JobsApi} router sluice-local serves. Clients and operations are made once per execution environment,
 * from the function's environment ({@code SLUICE_APP}, the SDK's region and credentials); API Gateway has already
 * checked the caller's IAM signature and the route's policy before this runs.
 */
public final class ApiGatewayHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final JobsApi api;

    /** Lambda's constructor: operations from the environment. */
    public ApiGatewayHandler() {
        this(new JobsApi(SluiceOperations.builder()
                .clients(OperationsClients.fromEnvironment())
                .build()));
    }

    public ApiGatewayHandler(JobsApi api) {
        this.api = api;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String body = event.getBody();
        if (body != null && event.getIsBase64Encoded()) {
            body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        }
        String method =
                event.getRequestContext() != null && event.getRequestContext().getHttp() != null
                        ? event.getRequestContext().getHttp().getMethod()
                        : "GET";
        ApiResponse response = api.handle(new ApiRequest(
                method,
                event.getRawPath(),
                event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters(),
                body));
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.status())
                .withHeaders(Map.of("Content-Type", ApiResponse.CONTENT_TYPE))
                .withBody(response.json())
                .build();
    }
}
