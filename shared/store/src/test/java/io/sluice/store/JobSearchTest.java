package io.sluice.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@link JobSearch}: what a search must name, and the errors an operator sees when it does not. */
class JobSearchTest {
    private static final Instant T0 = Instant.parse("2031-03-01T10:00:00Z");

    @Test
    void refusesASearchWithoutTypeOrIdempotencyKey() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new JobSearch(null, JobState.RUNNING, null, null, "shop", null, "ord-"));
        assertEquals(
                "a job search needs a type or an idempotency key; it has neither (state RUNNING, source shop,"
                        + " job id prefix ord-)",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new JobSearch(" ", null, null, null, null, "", null));
    }

    @Test
    void refusesAWindowThatDoesNotStartBeforeItEnds() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> new JobSearch("mail", null, T0, T0, null, null, null));
        assertEquals(
                "a job search's window must start before it ends: from 2031-03-01T10:00:00Z is not before to"
                        + " 2031-03-01T10:00:00Z",
                e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> new JobSearch("mail", null, T0.plusSeconds(1), T0, null, null, null));
    }

    @Test
    void anIdempotencyKeyAloneIsEnoughAndBlankFiltersMatchAnything() {
        JobSearch search = new JobSearch(null, null, null, T0, "", "order-7", " ");
        assertEquals("order-7", search.idempotencyKey());
        assertNull(search.source());
        assertNull(search.jobIdPrefix());
        assertNull(search.type());
    }
}
