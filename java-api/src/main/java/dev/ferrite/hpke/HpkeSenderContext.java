package dev.ferrite.hpke;

import java.lang.ref.Cleaner;
import java.util.Objects;

/**
 * A sender's HPKE context (RFC 9180 §5.2): seals any number of messages to one recipient, in order, and exports
 * secrets (§5.3). It can only seal; the recipient's {@link HpkeReceiverContext} can only open. Send {@link #enc()} to
 * the recipient with the first message.
 *
 * <p>Each {@link #seal} uses the next nonce ({@code base_nonce} XOR the sequence number), so the recipient must open
 * the messages in the order they were sealed. The sequence number is 64 bits: after 2<sup>64</sup> − 1 messages
 * {@link #seal} throws {@link IllegalStateException} (RFC 9180's limit, 2<sup>96</sup> − 1, is further away than any
 * program can reach; Ferrite stops earlier rather than wrap).
 *
 * <p>Thread-safe: calls are serialized, and messages get sequence numbers in the order the calls take the lock.
 * {@link #close()} wipes the key and secrets (a native context is freed) once a call in progress is done; later calls
 * throw {@link IllegalStateException}. A context that is never closed is wiped by a {@link Cleaner} once unreachable.
 */
public final class HpkeSenderContext implements AutoCloseable {
    private final HpkeSuite suite;
    private final HpkeMode mode;
    private final byte[] enc;
    private final ContextCore core;

    HpkeSenderContext(HpkeSuite suite, HpkeMode mode, byte[] enc, ContextEngine engine) {
        this.suite = suite;
        this.mode = mode;
        this.enc = enc;
        this.core = new ContextCore("HpkeSenderContext", "sealed", engine);
    }

    /**
     * The encapsulated key the recipient needs to set up its context.
     *
     * @return a copy of the 32 bytes
     */
    public byte[] enc() {
        return enc.clone();
    }

    /**
     * Encrypts the next message.
     *
     * @param aad additional authenticated data (may be empty)
     * @param plaintext the message
     * @return {@code ciphertext || tag}, 16 bytes longer than {@code plaintext}
     * @throws NullPointerException if either is null
     * @throws IllegalStateException if the context is closed or has sealed 2<sup>64</sup> − 1 messages
     */
    public byte[] seal(byte[] aad, byte[] plaintext) {
        Objects.requireNonNull(aad, "aad");
        Objects.requireNonNull(plaintext, "plaintext");
        return core.<byte[], RuntimeException>next(engine -> engine.seal(aad, plaintext));
    }

    /**
     * A secret derived from the context (RFC 9180 §5.3), equal to what the recipient's context exports for the same
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
     * How many messages this context has sealed, as an unsigned number; the next message's sequence number.
     *
     * @return the count
     */
    public long sequenceNumber() {
        return core.sequence();
    }

    /** Test hook: pretends {@code value} messages were sealed (the engine's own counter is not moved). */
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
        return "HpkeSenderContext[" + suite + ", " + mode + ", sequence " + Long.toUnsignedString(sequenceNumber())
                + (isClosed() ? ", closed]" : "]");
    }
}
