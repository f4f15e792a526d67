package io.sluice.local.emulator;

import java.net.URI;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.pattern.Patterns;
import org.elasticmq.Limits;
import org.elasticmq.NodeAddress;
import org.elasticmq.actor.QueueManagerActor;
import org.elasticmq.actor.queue.QueueEvent;
import org.elasticmq.persistence.sql.SqlQueuePersistenceActor;
import org.elasticmq.persistence.sql.SqlQueuePersistenceConfig;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.util.NowProvider;
import scala.util.Either;

/**
 * An embedded ElasticMQ speaking the SQS API (JSON and query protocols) on loopback. Queue URLs and ARNs
 * it hands out name the real host, port, region and account, so the AWS CLI and SDKs can use them as is.
 *
 * <p>Started with a data directory, it keeps queues and every message (queued, delayed, in flight with its
 * receive count and visibility, dead-lettered) in ElasticMQ's own SQL message storage, an embedded H2 file
 * {@value #DATA_FILE_NAME}{@code .mv.db}: the same {@code SqlQueuePersistenceActor} that ElasticMQ's
 * standalone server wires up for {@code messages-storage}, here wired by hand because the embedded builder
 * has no switch for it. ElasticMQ waits for the storage to acknowledge each change before it answers the
 * request, and H2 runs with {@code WRITE_DELAY=0}, so a message SQS acknowledged is in the file even if the
 * process is killed with SIGKILL the next instant.
 */
public final class ElasticMqServer implements AutoCloseable {
    /** The account id queue ARNs carry locally, the same one LocalStack uses. */
    public static final String ACCOUNT_ID = "000000000000";

    /** The H2 database, without H2's {@code .mv.db} suffix, that keeps the messages in a data directory. */
    public static final String DATA_FILE_NAME = "sluice-sqs";

    private static final AtomicBoolean DURABLE_IN_USE = new AtomicBoolean();

    private static final Duration RESTORE_TIMEOUT = Duration.ofSeconds(60);

    private final SQSRestServer server;
    private final URI endpoint;
    private final ActorSystem ownSystem;
    private final String jdbcUrl;

    private ElasticMqServer(SQSRestServer server, URI endpoint, ActorSystem ownSystem, String jdbcUrl) {
        this.server = server;
        this.endpoint = endpoint;
        this.ownSystem = ownSystem;
        this.jdbcUrl = jdbcUrl;
    }

    /** Starts an in-memory ElasticMQ on {@code host:port}; fails if the port is taken. */
    public static ElasticMqServer start(String host, int port, String region) {
        return start(host, port, region, null);
    }

    /**
     * Starts ElasticMQ on {@code host:port}; with a {@code dataDirectory}, queues and messages are restored from
     * and kept in its H2 file; {@code null} keeps everything in memory. Fails if the port is taken.
     */
    public static ElasticMqServer start(String host, int port, String region, Path dataDirectory) {
        if (dataDirectory == null) {
            SQSRestServer server = builder(host, port, region).start();
            awaitStarted(server, host, port);
            return new ElasticMqServer(server, URI.create("http://" + host + ":" + port), null, null);
        }
        String jdbcUrl = "jdbc:h2:file:" + dataDirectory.toAbsolutePath().resolve(DATA_FILE_NAME)
                // WRITE_DELAY=0: a commit reaches the file before ElasticMQ answers, so SIGKILL loses nothing
                // acknowledged; DB_CLOSE_ON_EXIT=FALSE: we close it after ElasticMQ stops, not H2's own hook
                // racing the consumers' last deletes.
                + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
        if (!DURABLE_IN_USE.compareAndSet(false, true)) {
            throw new IllegalStateException("another ElasticMQ with a data directory runs in this JVM; "
                    + "ElasticMQ's message storage is one per JVM, so close it first");
        }
        ActorSystem system = ActorSystem.create("sluice-sqs");
        try {
            pointConnectionPoolAt(jdbcUrl);
            SqlQueuePersistenceConfig storage =
                    new SqlQueuePersistenceConfig(true, "org.h2.Driver", jdbcUrl, "sa", "", false);
            ActorRef persistence = system.actorOf(Props.create(
                    SqlQueuePersistenceActor.class,
                    () -> new SqlQueuePersistenceActor(storage, scala.collection.immutable.List$.MODULE$.empty())));
            Limits limits = SQSRestServerBuilder.sqsLimits();
            ActorRef queueManager = system.actorOf(Props.create(
                    QueueManagerActor.class,
                    () -> new QueueManagerActor(new NowProvider(), limits, scala.Option.apply(persistence))));
            restore(persistence, queueManager, dataDirectory);
            SQSRestServer server = builder(host, port, region)
                    .withActorSystem(system)
                    .withQueueManagerActor(queueManager)
                    .withQueueEventListener(persistence)
                    .start();
            awaitStarted(server, host, port);
            return new ElasticMqServer(server, URI.create("http://" + host + ":" + port), system, jdbcUrl);
        } catch (RuntimeException e) {
            terminate(system);
            shutdownDatabase(jdbcUrl);
            DURABLE_IN_USE.set(false);
            throw e;
        }
    }

    /**
     * ElasticMQ's storage opens scalikejdbc's JVM-wide connection pool only the first time; pointing that pool at
     * this start's database ourselves lets a JVM stop one durable instance and start another (tests, restarts).
     */
    private static void pointConnectionPoolAt(String jdbcUrl) {
        try {
            Class.forName("org.h2.Driver");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("H2 (ElasticMQ's message storage) is missing from the classpath", e);
        }
        scalikejdbc.ConnectionPool$ pools = scalikejdbc.ConnectionPool$.MODULE$;
        scalikejdbc.ConnectionPoolSettings settings = pools.singleton$default$4();
        pools.singleton(jdbcUrl, "sa", "", settings, pools.singleton$default$5(jdbcUrl, "sa", "", settings));
    }

    private static org.elasticmq.rest.sqs.TheSQSRestServerBuilder builder(String host, int port, String region) {
        return SQSRestServerBuilder.withInterface(host)
                .withPort(port)
                .withServerAddress(new NodeAddress("http", host, port, ""))
                .withAWSRegion(region)
                .withAWSAccountId(ACCOUNT_ID);
    }

    /** Recreates the stored queues with their messages before any request is served. */
    private static void restore(ActorRef persistence, ActorRef queueManager, Path dataDirectory) {
        Object reply;
        try {
            reply = Patterns.ask(persistence, new QueueEvent.Restore(queueManager), RESTORE_TIMEOUT)
                    .toCompletableFuture()
                    .join();
        } catch (CompletionException e) {
            throw new IllegalStateException(
                    "cannot restore the SQS messages kept in " + dataDirectory + " (" + e.getCause() + "); move "
                            + DATA_FILE_NAME + ".mv.db aside to start empty",
                    e);
        }
        if (reply instanceof Either<?, ?> either && either.isLeft()) {
            throw new IllegalStateException("cannot restore the SQS queues kept in " + dataDirectory + ": "
                    + either.left().get() + "; move " + DATA_FILE_NAME + ".mv.db aside to start empty");
        }
    }

    private static void awaitStarted(SQSRestServer server, String host, int port) {
        try {
            server.waitUntilStarted();
        } catch (RuntimeException e) {
            server.stopAndWait();
            throw new IllegalStateException(
                    "ElasticMQ could not listen on " + host + ":" + port + " (" + e.getMessage()
                            + "); is another SQS emulator running? Pick another port with --sqs-port or use it with --sqs-endpoint",
                    e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Whether messages are kept in a data directory rather than in memory only. */
    public boolean durable() {
        return jdbcUrl != null;
    }

    @Override
    public void close() {
        server.stopAndWait();
        if (ownSystem != null) {
            terminate(ownSystem);
            shutdownDatabase(jdbcUrl);
            DURABLE_IN_USE.set(false);
        }
    }

    private static void terminate(ActorSystem system) {
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Best effort: the storage has acknowledged every change it was sent; nothing is left to flush.
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Closes the H2 database so the next start (in this JVM or another) opens a cleanly closed file. */
    private static void shutdownDatabase(String jdbcUrl) {
        try (var connection = DriverManager.getConnection(jdbcUrl, "sa", "");
                var statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        } catch (SQLException e) {
            // Already closed (nothing was opened, or H2 closed it): nothing to do.
        }
    }
}
