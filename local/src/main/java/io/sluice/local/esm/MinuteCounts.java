package io.sluice.local.esm;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Events counted per minute for the last hour, the way CloudWatch sums a metric over a window: {@link #add} counts
 * one now, {@link #sum} adds the minutes of {@code [from, to)} still kept. Lock-free; a minute slot is reused an hour
 * later, and a slot whose minute is not the one asked for counts as empty.
 */
public final class MinuteCounts {
    private static final int MINUTES = 60;

    private final AtomicLongArray minute = new AtomicLongArray(MINUTES);
    private final AtomicLongArray count = new AtomicLongArray(MINUTES);

    public void add(Instant now) {
        long m = now.getEpochSecond() / 60;
        int slot = (int) (m % MINUTES);
        long kept = minute.get(slot);
        if (kept != m && minute.compareAndSet(slot, kept, m)) {
            count.set(slot, 0);
        }
        count.incrementAndGet(slot);
    }

    /** Events in the whole minutes from {@code from} up to and including {@code to}'s minute, at most the last hour. */
    public long sum(Instant from, Instant to) {
        long first = from.getEpochSecond() / 60;
        long last = to.getEpochSecond() / 60;
        long total = 0;
        for (long m = Math.max(first, last - MINUTES + 1); m <= last; m++) {
            int slot = (int) (m % MINUTES);
            if (minute.get(slot) == m) {
                total += count.get(slot);
            }
        }
        return total;
    }
}
