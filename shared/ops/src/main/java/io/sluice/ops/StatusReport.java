package io.sluice.ops;

import java.time.Instant;
import java.util.List;

/** Every job type of the app, at {@code at}: what {@code sluice status}, {@code GET /status} and the console show. */
public record StatusReport(String app, Instant at, List<TypeStatus> types) {
    public StatusReport {
        types = List.copyOf(types);
    }
}
