package io.sluice.local.emulator;

import io.sluice.local.scheduler.ScheduleDispatcher;
import io.sluice.local.scheduler.ScheduleRegistry;
import io.sluice.local.scheduler.ScheduleStore;
import io.sluice.local.scheduler.SchedulerAccount;
import io.sluice.local.scheduler.TargetSender;
import io.sluice.local.scheduler.http.SchedulerHttpServer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;

/**
 * sluice-local's EventBridge Scheduler, composed here so that the engine ({@code io.sluice.local.scheduler}) and its
 * protocol layer ({@code io.sluice.local.scheduler.http}) depend only downwards: the {@link ScheduleRegistry} of schedules and groups, the
 * {@link SchedulerHttpServer} serving the API for it, and the {@link ScheduleDispatcher} firing it, started
 * and stopped together. The API answers from {@link #start} on; firing runs between {@link #startFiring()}
 * and {@link #stopFiring()}, so a caller decides when schedules begin to reach the queues.
 */
public final class SchedulerEmulator implements AutoCloseable {
    /** The port sluice-local's scheduler listens on unless told otherwise (SQS is on 9324, DynamoDB on 8000). */
    public static final int DEFAULT_PORT = 9326;
    /** How often the dispatcher looks for due occurrences; AWS itself fires within the minute. */
    public static final Duration TICK = Duration.ofSeconds(1);

    private final ScheduleRegistry registry;
    private final ScheduleDispatcher dispatcher;
    private final SchedulerHttpServer server;

    private SchedulerEmulator(ScheduleRegistry registry, ScheduleDispatcher dispatcher, SchedulerHttpServer server) {
        this.registry = registry;
        this.dispatcher = dispatcher;
        this.server = server;
    }

    /**
     * Loads the schedules {@code store} kept and serves the API on {@code host:port} (0: any free port).
     * Nothing fires until {@link #startFiring()}.
     */
    public static SchedulerEmulator start(
            String host, int port, SchedulerAccount account, ScheduleStore store, TargetSender sender, Clock clock) {
        ScheduleRegistry registry = new ScheduleRegistry(account, store, clock);
        ScheduleDispatcher dispatcher = new ScheduleDispatcher(registry, sender, clock, TICK);
        return new SchedulerEmulator(registry, dispatcher, SchedulerHttpServer.start(host, port, registry));
    }

    public URI endpoint() {
        return server.endpoint();
    }

    public ScheduleRegistry registry() {
        return registry;
    }

    /** The firing step, for tests that drive time themselves with {@link ScheduleDispatcher#fireDue}. */
    public ScheduleDispatcher dispatcher() {
        return dispatcher;
    }

    /** Fires due schedules from now on (the workers look at the clock at least every {@link #TICK}). */
    public void startFiring() {
        dispatcher.start();
    }

    /** Stops firing; the API keeps answering. */
    public void stopFiring() {
        dispatcher.close();
    }

    @Override
    public void close() {
        dispatcher.close();
        server.close();
        registry.close();
    }
}
