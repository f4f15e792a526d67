package io.sluice.local;

import io.sluice.local.esm.EventSourceMappingEmulator;
import java.util.ArrayList;
import java.util.List;

/**
 * The event-source-mapping emulators running now, one per queue: started together, and stopped together in
 * parallel, each finishing its in-flight batches, so a stop takes as long as the slowest batch rather than the sum.
 */
final class LocalConsumers {
    private final List<EventSourceMappingEmulator> mappings = new ArrayList<>();

    synchronized boolean running() {
        return !mappings.isEmpty();
    }

    /** Starts {@code mapping} and keeps it until {@link #stop()}. */
    synchronized void start(EventSourceMappingEmulator mapping) {
        mappings.add(mapping);
        mapping.start();
    }

    synchronized List<EventSourceMappingEmulator> list() {
        return List.copyOf(mappings);
    }

    /** Stops every mapping gracefully and forgets them, so the next {@link #start} begins afresh. */
    void stop() {
        List<Thread> stopping = new ArrayList<>();
        for (EventSourceMappingEmulator m : list()) {
            Thread t = new Thread(m::close, "stop-" + m.queue().name());
            stopping.add(t);
            t.start();
        }
        for (Thread t : stopping) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            mappings.clear();
        }
    }
}
