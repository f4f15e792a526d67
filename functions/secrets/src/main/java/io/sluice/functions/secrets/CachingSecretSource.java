package io.sluice.functions.secrets;

import io.sluice.catalogue.DurationParser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps each secret read from another source for a while, so a warm Lambda execution environment asks
 * Secrets Manager once per {@code ttl} rather than once per job (each call costs latency and money).
 * A rotated secret is picked up within one {@code ttl}. Failures are not cached: the next use asks again.
 * Time comes from an injected {@link Clock}, so expiry is tested without sleeping.
 */
public final class CachingSecretSource implements SecretSource {
    /** Five minutes, as the AWS Parameters and Secrets Lambda extension's default. */
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);

    private final SecretSource source;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(String value, Instant until) {
        // A value must never reach a log line through a record's generated toString.
        @Override
        public String toString() {
            return "Cached[until=" + until + "]";
        }
    }

    /**
     * @param ttl how long a value is reused; zero reads through every time
     */
    public CachingSecretSource(SecretSource source, Duration ttl, Clock clock) {
        if (ttl == null || ttl.isNegative()) {
            throw new IllegalArgumentException("the secret cache TTL must be zero or positive, was " + ttl);
        }
        this.source = source;
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public String secret(String name) {
        Instant now = clock.instant();
        Cached cached = cache.get(name);
        if (cached != null && now.isBefore(cached.until())) {
            return cached.value();
        }
        String value = source.secret(name);
        if (!ttl.isZero()) {
            cache.put(name, new Cached(value, now.plus(ttl)));
        }
        return value;
    }

    @Override
    public String fresh(String name) {
        cache.remove(name);
        return secret(name);
    }

    /**
     * Reads a TTL setting: an ISO-8601 duration, zero or more.
     *
     * @throws IllegalArgumentException naming {@code key} and the bad value
     */
    static Duration ttl(Optional<String> text, String key) {
        if (text.isEmpty()) {
            return DEFAULT_TTL;
        }
        Duration value = DurationParser.parse(key, text.get().trim(), "PT5M");
        if (value.isNegative()) {
            throw new IllegalArgumentException(key + ": must be zero or positive, was " + text.get());
        }
        return value;
    }
}
