package dev.ferrite.jca;

import dev.ferrite.Backend;
import dev.ferrite.Crypto;
import dev.ferrite.internal.JdkProviders;
import dev.ferrite.sha256.Sha256;
import java.nio.ByteBuffer;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.MessageDigestSpi;
import java.security.NoSuchAlgorithmException;
import java.security.ProviderException;

/**
 * {@code MessageDigest.SHA-256} on {@link Sha256}. Ferrite's SHA-256 is one-shot, so {@code update}s are collected
 * and hashed at {@code digest()}; a message that grows beyond {@link #SPILL_THRESHOLD} bytes is handed, with
 * everything after it, to the JDK's SHA-256 (provider SUN), so memory stays bounded for streams of any length.
 * {@code engineDigest(buf, off, len)} checks the room before hashing, as SUN (a {@link DigestException} keeps the
 * state). The collected input is not wiped after use (SUN's digest treats its input as not secret too). Cloneable.
 * Not thread-safe (as every JCA MessageDigest).
 */
final class Sha256DigestSpi extends MessageDigestSpi implements Cloneable {
    /** Messages are collected up to this many bytes; longer ones continue in the JDK's SHA-256. */
    static final int SPILL_THRESHOLD = 16 << 20;

    private final Sha256 sha256;
    private Accumulator message = new Accumulator();
    /** The JDK's digest once the message outgrew the threshold, else null. */
    private MessageDigest spilled;

    Sha256DigestSpi(Backend backend) {
        this.sha256 = Crypto.sha256(backend);
    }

    @Override
    protected int engineGetDigestLength() {
        return Sha256.DIGEST_LENGTH;
    }

    @Override
    protected void engineUpdate(byte input) {
        if (spilled != null) {
            spilled.update(input);
        } else {
            message.append(input);
            spillIfLarge();
        }
    }

    @Override
    protected void engineUpdate(byte[] input, int offset, int len) {
        if (spilled != null) {
            spilled.update(input, offset, len);
        } else if ((long) message.size() + len > SPILL_THRESHOLD) {
            spill();
            spilled.update(input, offset, len);
        } else {
            message.append(input, offset, len);
        }
    }

    @Override
    protected void engineUpdate(ByteBuffer input) {
        if (spilled != null) {
            spilled.update(input);
        } else if ((long) message.size() + input.remaining() > SPILL_THRESHOLD) {
            spill();
            spilled.update(input);
        } else {
            message.append(input);
        }
    }

    private void spillIfLarge() {
        if (message.size() > SPILL_THRESHOLD) {
            spill();
        }
    }

    private void spill() {
        try {
            // The JDK's own SHA-256 by name (JdkProviders): a plain getInstance("SHA-256") could return this service.
            spilled = MessageDigest.getInstance("SHA-256", JdkProviders.of("MessageDigest", "SHA-256", "SUN"));
        } catch (NoSuchAlgorithmException | IllegalStateException e) {
            throw new ProviderException("a message over " + SPILL_THRESHOLD + " bytes needs the JDK's SHA-256"
                    + " (provider SUN), which is not available: " + e.getMessage(), e);
        }
        spilled.update(message.array(), 0, message.size());
        message.clear(false);
    }

    @Override
    protected byte[] engineDigest() {
        try {
            if (spilled != null) {
                return spilled.digest();
            }
            return sha256.digest(message.array(), 0, message.size());
        } finally {
            engineReset();
        }
    }

    @Override
    protected int engineDigest(byte[] buf, int offset, int len) throws DigestException {
        if (len < Sha256.DIGEST_LENGTH) {
            throw new DigestException("Length must be at least " + Sha256.DIGEST_LENGTH + " for SHA-256 digests, got "
                    + len);
        }
        if (offset < 0 || len < 0 || offset > buf.length - len) {
            throw new DigestException("Buffer too short to store digest: offset " + offset + ", length " + len
                    + ", array of " + buf.length);
        }
        byte[] digest = engineDigest();
        System.arraycopy(digest, 0, buf, offset, digest.length);
        return digest.length;
    }

    @Override
    protected void engineReset() {
        message.clear(false);
        spilled = null;
    }

    @Override
    public Object clone() throws CloneNotSupportedException {
        Sha256DigestSpi copy = (Sha256DigestSpi) super.clone();
        copy.message = message.copy();
        copy.spilled = spilled == null ? null : (MessageDigest) spilled.clone();
        return copy;
    }
}
