package dev.ferrite.internal;

import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Not part of Ferrite's API: the close protocol of its key objects, shared by the kernels.
 *
 * <p>Counts the operations in progress on a secret, with a closed bit. {@link #acquire()} fails once the secret is
 * closed; {@link #close()} sets the bit; whoever brings the count to zero with the bit set runs the wipe action,
 * exactly once. So a key may be closed from any thread while other threads use it: operations in progress complete,
 * later ones throw {@link IllegalStateException}, and native memory is freed only once nobody uses it. A key that is
 * never closed is closed by the one {@link Cleaner} all of Ferrite's keys share ({@link #closeWhenUnreachable}).
 * Thread-safe.
 */
public final class UseCounter {
    private static final int CLOSED = 1 << 30;

    /** One cleaner thread for every key Ferrite makes. */
    private static final Cleaner CLEANER = Cleaner.create();

    private final AtomicInteger users = new AtomicInteger();
    private final String what;
    private final Runnable wipe;

    /**
     * A counter for an open secret.
     *
     * @param what the secret's name for the exception message, e.g. {@code "AesGcmKey"}
     * @param wipe wipes and frees the secret; runs once, after {@link #close()}, when no operation is in progress
     */
    public UseCounter(String what, Runnable wipe) {
        this.what = what;
        this.wipe = wipe;
    }

    /**
     * Registers an operation in progress; pair with {@link #release()} in a {@code finally} block.
     *
     * @throws IllegalStateException if the secret is closed
     */
    public void acquire() {
        while (true) {
            int current = users.get();
            if ((current & CLOSED) != 0) {
                throw new IllegalStateException("the " + what + " is closed");
            }
            if (users.compareAndSet(current, current + 1)) {
                return;
            }
        }
    }

    /** Ends an operation registered by {@link #acquire()}; the last one after a close runs the wipe. */
    public void release() {
        if (users.decrementAndGet() == CLOSED) {
            wipe.run();
        }
    }

    /**
     * Whether {@link #close()} has been called.
     *
     * @return true once closed
     */
    public boolean isClosed() {
        return (users.get() & CLOSED) != 0;
    }

    /** Closes: later {@link #acquire()} calls fail, and the wipe runs now or when the last user releases. Idempotent. */
    public void close() {
        while (true) {
            int current = users.get();
            if ((current & CLOSED) != 0) {
                return;
            }
            if (users.compareAndSet(current, current | CLOSED)) {
                if (current == 0) {
                    wipe.run();
                }
                return;
            }
        }
    }

    /**
     * Closes this counter (so the wipe runs) once {@code owner} becomes unreachable. The action holds this counter
     * only, so the wipe action must not reach {@code owner} either. Owners still close explicitly: call the returned
     * {@link Cleaner.Cleanable#clean()} from their {@code close()}, after {@link #close()}.
     *
     * @param owner the key object whose secret this counter guards
     * @return the registration
     */
    public Cleaner.Cleanable closeWhenUnreachable(Object owner) {
        return CLEANER.register(owner, this::close);
    }
}
