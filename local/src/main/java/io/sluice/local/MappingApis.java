package io.sluice.local;

import io.sluice.local.cloudwatch.CloudWatchApiServer;
import io.sluice.local.emulator.ElasticMqServer;
import io.sluice.local.esm.EventSourceMappingEmulator;
import io.sluice.local.esm.http.LambdaApiServer;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * The two AWS APIs sluice-local serves over its event source mappings, each started on demand and at most once:
 * Lambda's (list, pause and resume the mappings, as {@code pause} and {@code resume} do on AWS) and CloudWatch's
 * {@code GetMetricData} (the pollers' executions, errors and throttles, for {@code status}).
 */
final class MappingApis implements AutoCloseable {
    private final Supplier<List<EventSourceMappingEmulator>> mappings;
    private final String region;
    private final Clock clock;
    private LambdaApiServer lambdaApi;
    private CloudWatchApiServer cloudWatchApi;

    MappingApis(Supplier<List<EventSourceMappingEmulator>> mappings, String region, Clock clock) {
        this.mappings = mappings;
        this.region = region;
        this.clock = clock;
    }

    synchronized URI startLambdaApi(int port) {
        if (lambdaApi == null) {
            lambdaApi = LambdaApiServer.start(port, mappings, region, ElasticMqServer.ACCOUNT_ID);
        }
        return lambdaApi.endpoint();
    }

    synchronized URI startCloudWatchApi(int port) {
        if (cloudWatchApi == null) {
            cloudWatchApi = CloudWatchApiServer.start(port, mappings, clock);
        }
        return cloudWatchApi.endpoint();
    }

    /** {@code null} before {@link #startLambdaApi}. */
    synchronized URI lambdaEndpoint() {
        return lambdaApi == null ? null : lambdaApi.endpoint();
    }

    /** {@code null} before {@link #startCloudWatchApi}. */
    synchronized URI cloudWatchEndpoint() {
        return cloudWatchApi == null ? null : cloudWatchApi.endpoint();
    }

    @Override
    public synchronized void close() {
        if (lambdaApi != null) {
            lambdaApi.close();
        }
        if (cloudWatchApi != null) {
            cloudWatchApi.close();
        }
    }
}
