package io.sluice.functions.tweet;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * When X says a rate-limited request may be tried again, from the headers of its 429 response. X documents
 * {@code x-rate-limit-reset} (epoch seconds) for the endpoint's window; posting also has 24-hour per-user and
 * per-app limits, reported as {@code x-user-limit-24hour-*} and {@code x-app-limit-24hour-*}. When one of those
 * is exhausted ({@code remaining} is 0) its reset is later than the window's, and retrying at the window's
 * reset would only be refused again, so the latest reset of every exhausted limit wins. Malformed values are
 * ignored; with no usable value there is no reset time and the job type's backoff applies.
 */
public final class XRateLimitReset {
    public static final String RESET = "x-rate-limit-reset";
    public static final String USER_DAY_REMAINING = "x-user-limit-24hour-remaining";
    public static final String USER_DAY_RESET = "x-user-limit-24hour-reset";
    public static final String APP_DAY_REMAINING = "x-app-limit-24hour-remaining";
    public static final String APP_DAY_RESET = "x-app-limit-24hour-reset";

    private XRateLimitReset() {}

    /**
     * The moment the limit that refused the request resets.
     *
     * @param headers a response header's first value by (case-insensitive) name
     */
    public static Optional<Instant> of(Function<String, Optional<String>> headers) {
        Optional<Instant> latest = epochSeconds(headers.apply(RESET));
        latest = later(latest, exhausted(headers, USER_DAY_REMAINING, USER_DAY_RESET));
        latest = later(latest, exhausted(headers, APP_DAY_REMAINING, APP_DAY_RESET));
        return latest;
    }

    private static Optional<Instant> exhausted(
            Function<String, Optional<String>> headers, String remaining, String reset) {
        boolean none =
                headers.apply(remaining).map(String::trim).filter("0"::equals).isPresent();
        return none ? epochSeconds(headers.apply(reset)) : Optional.empty();
    }

    private static Optional<Instant> later(Optional<Instant> a, Optional<Instant> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        return Optional.of(a.get().isAfter(b.get()) ? a.get() : b.get());
    }

    private static Optional<Instant> epochSeconds(Optional<String> value) {
        try {
            return value.map(String::trim)
                    .filter(v -> v.matches("[0-9]{1,12}"))
                    .map(v -> Instant.ofEpochSecond(Long.parseLong(v)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
