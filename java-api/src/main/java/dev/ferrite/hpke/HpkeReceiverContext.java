package dev.ferrite.hpke;

import java.lang.ref.Cleaner;
import java.util.Objects;
import javax.crypto.AEADBadTagException;

/**
 * A recipient's HPKE context (RFC 9180 §5.2): opens the messages of one sender's context, in the order they were
 * sealed, and exports secrets (§5.3). It can only open; the sender's {@link HpkeSenderContext} can only seal.
 *
 * <p>Each {@link #open} uses the next nonce ({@code base_nonce} XOR the sequence number); the sequence number advances
 * only when a message opens, so a forged or damaged message can be skipped and the next genuine one still opens. The
 * sequence number is 64 bits: after 2<sup>64</sup> − 1 messages {@link #open} throws {@link IllegalStateException}.
 *
 * <p>Thread-safe: calls are serialized, and messages get sequence numbers in the order the calls take the lock.
 * {@link #close()} wipes the key and secrets (a native context is freed) once a call in progress is done; later calls
 * throw {@link IllegalStateException}. A context that is never closed is wiped by a {@link Cleaner} once unreachable.
 */
public final class HpkeReceiverContext implements AutoCloseable {
    private final HpkeSuite suite;
    private final HpkeMode mode;
    private final ContextCore core;

    HpkeReceiverContext(HpkeSuite suite, HpkeMode mode, ContextEngine engine) {
        this.suite = suite;
        this.mode = mode;
        this.core = new ContextCore("HpkeReceiverContext", "opened", engine);
    }

    /**
     * Decrypts the next message.
     *
     * @param aad the additional authenticated data it was sealed with
     * @param ciphertext {@code ciphertext || tag}
     * @return the plaintext
     * @throws NullPointerException if either is null
     * @throws AEADBadTagException if the message does not authenticate (wrong key, context, order, AAD, or damaged);
     *     the sequence number does not advance
     * @throws IllegalStateException if the context is closed or has opened 2<sup>64</sup> − 1 messages
     */
    public byte[] open(byte[] aad, byte[] ciphertext) throws AEADBadTagException {
        Objects.requireNonNull(aad, "aad");
        Objects.requireNonNull(ciphertext, "ciphertext");
        return core.<byte[], AEADBadTagException>next(engine -> {
            if (ciphertext.length < AbstractHpke.TAG_LENGTH) {
                throw new AEADBadTagException("HPKE: a ciphertext is at least 16 bytes (its tag), got "
                        + ciphertext.length);
            }
            return engine.open(aad, ciphertext);
        });
    }

    /**
     * A secret derived from the context (RFC 9180 §5.3), equal to what the sender's context exports for the same
     * {@code exporterContext} and {@code length}.
     *
     * @param exporterContext what the secret is for (may be empty)
     * @param length its length, 1 to 8160 (255 × 32) bytes
     * @return the secret; wipe it when done
     * @throws NullPointerException if {@code exporterContext} is null
     * @throws IllegalArgumentException if {@code length} is out of range
     * @throws IllegalStateException if the context is closed
     */
    public byte[] export(byte[] exporterContext, int length) {
        return core.export(exporterContext, length);
    }

    /**
     * How many messages this context has opened, as an unsigned number; the next message's sequence number.
     *
     * @return the count
     */
    public long sequenceNumber() {
        return core.sequence();
    }

    /** Test hook: pretends {@code value} messages were opened (the engine's own counter is not moved). */
    void sequenceNumberForTest(long value) {
        core.sequenceForTest(value);
    }

    /**
     * The suite.
     *
     * @return the suite the context was set up with
     */
    public HpkeSuite suite() {
        return suite;
    }

    /**
     * The mode.
     *
     * @return the mode the context was set up with
     */
    public HpkeMode mode() {
        return mode;
    }

    /**
     * Wipes the context's secrets (a call in progress completes first). Idempotent.
     */
    @Override
    public void close() {
        core.close();
    }

    /**
     * Whether {@link #close()} has been called.
     *
     * @return true once closed
     */
    public boolean isClosed() {
        return core.isClosed();
    }

    /**
     * Suite, mode and sequence number; never a secret.
     *
     * @return a description
     */
    @Override
    public String toString() {
        return "HpkeReceiverContext[" + suite + ", " + mode + ", sequence " + Long.toUnsignedString(sequenceNumber())
                + (isClosed() ? ", closed]" : "]");
    }
}
