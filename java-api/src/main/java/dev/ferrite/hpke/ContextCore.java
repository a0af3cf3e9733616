package dev.ferrite.hpke;

import dev.ferrite.internal.UseCounter;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;

/**
 * What the sender's and the recipient's public contexts share: the backend's {@link ContextEngine}, the 64-bit
 * sequence number and its limit, and the lifecycle (a {@link UseCounter}, wiped on close or by the shared
 * {@link Cleaner} once unreachable). Calls are serialized on this object; the public classes delegate to it.
 */
final class ContextCore {
    /** One step with the next sequence number; advances it when it returns normally. */
    interface Step<T, E extends Exception> {
        T run(ContextEngine engine) throws E;
    }

    private final String verb;
    private final ContextEngine engine;
    private final UseCounter users;
    private final Cleaner.Cleanable cleanable;
    private long sequence;

    /**
     * @param what the owner's class name, for the closed-context message
     * @param verb what the owner does with a message ("sealed" or "opened"), for the limit's message
     * @param engine the backend's context
     */
    ContextCore(String what, String verb, ContextEngine engine) {
        this.verb = verb;
        this.engine = engine;
        this.users = new UseCounter(what, engine::wipe);
        this.cleanable = users.closeWhenUnreachable(this);
    }

    /** Runs {@code step} with the next sequence number; refuses at 2^64 − 1 messages or once closed. */
    synchronized <T, E extends Exception> T next(Step<T, E> step) throws E {
        users.acquire();
        try {
            if (sequence == -1L) {
                throw new IllegalStateException("HPKE: this context has " + verb + " 2^64 - 1 messages, its limit; "
                        + "set up a new one");
            }
            T out = step.run(engine);
            sequence++;
            return out;
        } finally {
            users.release();
            Reference.reachabilityFence(this);
        }
    }

    synchronized byte[] export(byte[] exporterContext, int length) {
        AbstractHpke.checkExport(exporterContext, length);
        users.acquire();
        try {
            return engine.export(exporterContext, length);
        } finally {
            users.release();
            Reference.reachabilityFence(this);
        }
    }

    synchronized long sequence() {
        return sequence;
    }

    /** Test hook: pretends {@code value} messages went through (the engine's own counter is not moved). */
    synchronized void sequenceForTest(long value) {
        sequence = value;
    }

    void close() {
        users.close();
        cleanable.clean();
    }

    boolean isClosed() {
        return users.isClosed();
    }
}
