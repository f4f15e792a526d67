package io.sluice.local;

import java.util.Map;

/** The end-to-end contract on sluice-local's embedded ElasticMQ: runs everywhere, CI included. */
class ElasticMqEndToEndTest extends EndToEndContract {
    @Override
    LocalHarness startHarness() {
        return LocalHarness.start(TYPES, Map.of());
    }
}
