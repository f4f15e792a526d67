package io.sluice.functions.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachingSecretSourceTest {
    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final List<String> reads = new CopyOnWriteArrayList<>();
    private final AtomicInteger version = new AtomicInteger(1);
    private final SecretSource counting = name -> {
        reads.add(name);
        return name + "-v" + version.get();
    };

    @Test
    void aValueIsReusedWithinItsTtlAndReadAgainAfterIt() {
        CachingSecretSource cache = new CachingSecretSource(counting, Duration.ofMinutes(5), clock);
        assertEquals("a-v1", cache.secret("a"));
        version.set(2);
        clock.advance(Duration.ofMinutes(4).plusSeconds(59));
        assertEquals("a-v1", cache.secret("a"), "still within the TTL");
        assertEquals(List.of("a"), reads);

        clock.advance(Duration.ofSeconds(1));
        assertEquals("a-v2", cache.secret("a"), "a rotated value shows once the TTL has passed");
        assertEquals(List.of("a", "a"), reads);
    }

    @Test
    void aFreshReadGoesPastTheCacheAndRefreshesIt() {
        CachingSecretSource cache = new CachingSecretSource(counting, Duration.ofMinutes(5), clock);
        assertEquals("a-v1", cache.secret("a"));
        version.set(2);
        assertEquals("a-v1", cache.secret("a"), "cached");
        assertEquals("a-v2", cache.fresh("a"), "a provider refused the cached value: read the store now");
        assertEquals("a-v2", cache.secret("a"), "and keep the new value");
        assertEquals(List.of("a", "a"), reads);
    }

    @Test
    void eachNameIsCachedOnItsOwn() {
        CachingSecretSource cache = new CachingSecretSource(counting, Duration.ofMinutes(5), clock);
        cache.secret("a");
        cache.secret("b");
        cache.secret("a");
        assertEquals(List.of("a", "b"), reads);
    }

    @Test
    void failuresAreNotCached() {
        AtomicInteger calls = new AtomicInteger();
        SecretSource flaky = name -> {
            if (calls.incrementAndGet() == 1) {
                throw new SecretUnavailableException(
                        name, "secret '" + name + "' could not be read: ThrottlingException");
            }
            return "value";
        };
        CachingSecretSource cache = new CachingSecretSource(flaky, Duration.ofMinutes(5), clock);
        assertThrows(SecretUnavailableException.class, () -> cache.secret("a"));
        assertEquals("value", cache.secret("a"));
        assertEquals(2, calls.get());
    }

    @Test
    void aZeroTtlReadsEveryTime() {
        CachingSecretSource cache = new CachingSecretSource(counting, Duration.ZERO, clock);
        cache.secret("a");
        cache.secret("a");
        assertEquals(2, reads.size());
    }

    @Test
    void theTtlSettingIsAnIsoDurationAndABadOneIsNamed() {
        assertEquals(CachingSecretSource.DEFAULT_TTL, CachingSecretSource.ttl(Optional.empty(), "K"));
        assertEquals(Duration.ofHours(1), CachingSecretSource.ttl(Optional.of(" PT1H "), "K"));
        IllegalArgumentException bad = assertThrows(
                IllegalArgumentException.class,
                () -> CachingSecretSource.ttl(Optional.of("5 minutes"), SecretSource.CACHE_TTL_KEY));
        assertTrue(
                bad.getMessage().contains(SecretSource.CACHE_TTL_KEY)
                        && bad.getMessage().contains("'5 minutes'"),
                bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CachingSecretSource.ttl(Optional.of("-PT1M"), "K"));
    }

    @Test
    void fromConfigWithoutAFileUsesSecretsManagerLazilyAndWithAFileUsesTheFile() {
        SecretSource aws = SecretSource.fromConfig(io.sluice.job.JobConfig.fromMap(java.util.Map.of()), clock);
        assertTrue(aws instanceof CachingSecretSource, "Secrets Manager behind a cache: " + aws.getClass());
        SecretSource file = SecretSource.fromConfig(
                io.sluice.job.JobConfig.fromMap(java.util.Map.of(SecretSource.FILE_KEY, "/tmp/x.json")), clock);
        assertTrue(file instanceof FileSecretSource, "the local file: " + file.getClass());
        assertFalse(file instanceof CachingSecretSource);
    }
}
