package io.sluice.lazy;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A value made on first use, once, however many threads ask: AWS clients a handler or the producer client may never
 * need, so that building them costs nothing at Lambda init (and SnapStart's snapshot holds no connection).
 * A factory that throws leaves nothing behind; the next {@link #get()} tries again.
 */
public final class Lazy<T> implements Supplier<T> {
    private final Supplier<? extends T> factory;
    private volatile T value;

    private Lazy(Supplier<? extends T> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    public static <T> Lazy<T> of(Supplier<? extends T> factory) {
        return new Lazy<>(factory);
    }

    @Override
    public T get() {
        T current = value;
        if (current == null) {
            synchronized (this) {
                current = value;
                if (current == null) {
                    current = Objects.requireNonNull(factory.get(), "the factory made null");
                    value = current;
                }
            }
        }
        return current;
    }

    /** The value if it was made, for closing it; never makes it. */
    public Optional<T> ifMade() {
        return Optional.ofNullable(value);
    }
}
