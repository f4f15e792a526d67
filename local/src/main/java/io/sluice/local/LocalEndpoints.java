package io.sluice.local;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

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
        Lookup lookup = new Lookup(explicit, environment, up);
        URI sqs = lookup.pick("sqs", LocalState::sqs, LocalOptions.DEFAULT_SQS_PORT);
        URI dynamoDb = lookup.pick("dynamodb", LocalState::dynamoDb, LocalOptions.DEFAULT_DYNAMODB_PORT);
        URI scheduler = lookup.pick("scheduler", LocalState::scheduler, LocalOptions.DEFAULT_SCHEDULER_PORT);
        URI lambda = lookup.pick("lambda", LocalState::lambda, DEFAULT_LAMBDA_PORT);
        URI cloudWatch = lookup.pick("cloudwatch", LocalState::cloudWatch, DEFAULT_CLOUDWATCH_PORT);
        URI api = explicit.get("api") != null
                ? explicit.get("api")
                : up.map(LocalState::api).orElse(URI.create("http://127.0.0.1:" + DEFAULT_API_PORT));
        String source = up.map(s -> "sluice-local up (pid " + s.pid() + ")").orElse("the default local ports");
        return new LocalEndpoints(sqs, dynamoDb, scheduler, lambda, cloudWatch, api, source);
    }

    /** One service's endpoint from the places {@link #resolve} looks, in its order. */
    private record Lookup(Map<String, URI> explicit, Map<String, String> environment, Optional<LocalState> up) {
        /** @param service the option's name; upper-cased, the suffix of its {@code AWS_ENDPOINT_URL_} variable */
        URI pick(String service, Function<LocalState, URI> fromState, int port) {
            URI given = explicit.get(service);
            if (given != null) {
                return given;
            }
            String specific = environment.get("AWS_ENDPOINT_URL_" + service.toUpperCase(Locale.ROOT));
            if (specific != null && !specific.isBlank()) {
                return URI.create(specific.trim());
            }
            String general = environment.get("AWS_ENDPOINT_URL");
            if (general != null && !general.isBlank()) {
                return URI.create(general.trim());
            }
            return up.map(fromState).orElse(URI.create("http://127.0.0.1:" + port));
        }
    }
}
