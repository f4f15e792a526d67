package io.sluice.local;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Where a client command finds sluice-local's services, in the order a user expects: an explicit option, the SDK's
 * standard endpoint settings ({@code AWS_ENDPOINT_URL_SQS}, {@code AWS_ENDPOINT_URL_DYNAMODB},
 * {@code AWS_ENDPOINT_URL_SCHEDULER}, {@code AWS_ENDPOINT_URL_LAMBDA}, {@code AWS_ENDPOINT_URL_CLOUDWATCH}, then {@code AWS_ENDPOINT_URL}), the state file
 * of a running {@code up} ({@link LocalState}), and last the default ports.
 */
public record LocalEndpoints(URI sqs, URI dynamoDb, URI scheduler, URI lambda, URI cloudWatch, URI api, String source) {
    public static final int DEFAULT_LAMBDA_PORT = 9327;
    public static final int DEFAULT_API_PORT = 9328;
    public static final int DEFAULT_CLOUDWATCH_PORT = 9329;
    public static final int DEFAULT_CONSOLE_PORT = 9330;

    /**
     * @param explicit the options given on the command line, by service ({@code sqs}, {@code dynamodb},
     *     {@code scheduler}, {@code lambda}, {@code api}); absent ones are looked up further
     */
    public static LocalEndpoints resolve(Map<String, URI> explicit, Map<String, String> environment) {
        Optional<LocalState> up = LocalState.read(LocalState.path(environment));
        URI sqs = pick(explicit.get("sqs"), environment, "SQS", up.map(LocalState::sqs), LocalOptions.DEFAULT_SQS_PORT);
        URI dynamoDb = pick(
                explicit.get("dynamodb"),
                environment,
                "DYNAMODB",
                up.map(LocalState::dynamoDb),
                LocalOptions.DEFAULT_DYNAMODB_PORT);
        URI scheduler = pick(
                explicit.get("scheduler"),
                environment,
                "SCHEDULER",
                up.map(LocalState::scheduler),
                LocalOptions.DEFAULT_SCHEDULER_PORT);
        URI lambda =
                pick(explicit.get("lambda"), environment, "LAMBDA", up.map(LocalState::lambda), DEFAULT_LAMBDA_PORT);
        URI cloudWatch = pick(
                explicit.get("cloudwatch"),
                environment,
                "CLOUDWATCH",
                up.map(LocalState::cloudWatch),
                DEFAULT_CLOUDWATCH_PORT);
        URI api = explicit.get("api") != null
                ? explicit.get("api")
                : up.map(LocalState::api).orElse(URI.create("http://127.0.0.1:" + DEFAULT_API_PORT));
        String source = up.map(s -> "sluice-local up (pid " + s.pid() + ")").orElse("the default local ports");
        return new LocalEndpoints(sqs, dynamoDb, scheduler, lambda, cloudWatch, api, source);
    }

    private static URI pick(
            URI explicit, Map<String, String> environment, String service, Optional<URI> fromState, int port) {
        if (explicit != null) {
            return explicit;
        }
        String specific = environment.get("AWS_ENDPOINT_URL_" + service);
        if (specific != null && !specific.isBlank()) {
            return URI.create(specific.trim());
        }
        String general = environment.get("AWS_ENDPOINT_URL");
        if (general != null && !general.isBlank()) {
            return URI.create(general.trim());
        }
        return fromState.orElse(URI.create("http://127.0.0.1:" + port));
    }
}
