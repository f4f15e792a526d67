package io.sluice.local;

import io.sluice.local.emulator.ElasticMqServer;
import io.sluice.moto.MotoOptions;
import io.sluice.moto.MotoServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The SQS and DynamoDB sluice-local talks to: an endpoint it was pointed at, or its own ElasticMQ (in this JVM) and
 * moto (a child process) on 127.0.0.1, their state in the data directory if there is one. Closing stops only the
 * emulators it started.
 */
final class LocalEmulators implements AutoCloseable {
    private final ElasticMqServer elasticMq;
    private final MotoServer moto;
    private final URI sqsEndpoint;
    private final URI dynamoDbEndpoint;

    private LocalEmulators(ElasticMqServer elasticMq, MotoServer moto, URI sqsEndpoint, URI dynamoDbEndpoint) {
        this.elasticMq = elasticMq;
        this.moto = moto;
        this.sqsEndpoint = sqsEndpoint;
        this.dynamoDbEndpoint = dynamoDbEndpoint;
    }

    /** Starts the emulators the options ask for; if the second cannot start, the first is stopped again. */
    static LocalEmulators start(LocalOptions options) {
        ElasticMqServer elasticMq = null;
        MotoServer moto = null;
        try {
            URI sqsEndpoint = options.sqsEndpoint();
            if (sqsEndpoint == null) {
                elasticMq = ElasticMqServer.start(
                        "127.0.0.1",
                        options.sqsPort(),
                        options.region(),
                        options.dataDirectory() == null ? null : dataDirectory(options));
                sqsEndpoint = elasticMq.endpoint();
            }
            URI dynamoDbEndpoint = options.dynamoDbEndpoint();
            if (dynamoDbEndpoint == null) {
                moto = startDynamoDb(options);
                dynamoDbEndpoint = moto.endpoint();
            }
            return new LocalEmulators(elasticMq, moto, sqsEndpoint, dynamoDbEndpoint);
        } catch (RuntimeException e) {
            if (elasticMq != null) {
                elasticMq.close();
            }
            if (moto != null) {
                moto.close();
            }
            throw e;
        }
    }

    /**
     * moto's DynamoDB on 127.0.0.1, its tables in {@value LocalRuntime#DYNAMODB_DATA_FILE} of the data directory if
     * there is one. A missing python3 or moto surfaces as {@link io.sluice.moto.MotoUnavailableException}, whose
     * message says what to install.
     */
    private static MotoServer startDynamoDb(LocalOptions options) {
        MotoOptions moto = MotoOptions.onPort(options.dynamoDbPort());
        if (options.python() != null) {
            moto = moto.withPython(options.python());
        }
        if (options.dataDirectory() != null) {
            moto = moto.withDataFile(dataDirectory(options).resolve(LocalRuntime.DYNAMODB_DATA_FILE));
        }
        try {
            return MotoServer.start(moto);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(
                    e.getMessage() + "; pick another port with --dynamodb-port or use a running "
                            + "DynamoDB with --dynamodb-endpoint",
                    e);
        }
    }

    /** The data directory, created if missing. */
    private static Path dataDirectory(LocalOptions options) {
        Path directory = Path.of(options.dataDirectory());
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the data directory " + directory + ": " + e.getMessage());
        }
        return directory;
    }

    URI sqsEndpoint() {
        return sqsEndpoint;
    }

    URI dynamoDbEndpoint() {
        return dynamoDbEndpoint;
    }

    @Override
    public void close() {
        if (elasticMq != null) {
            elasticMq.close();
        }
        if (moto != null) {
            moto.close();
        }
    }
}
