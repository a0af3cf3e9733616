package dev.ferrite.ed25519;

import dev.ferrite.Backend;
import dev.ferrite.internal.JdkProviders;
import dev.ferrite.internal.Kernels;
import dev.ferrite.internal.UseCounter;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javax.security.auth.Destroyable;

/**
 * An Ed25519 private key: the 32-byte seed (RFC 8032 §5.1.5) and its public key.
 *
 * <p>The seed never leaves the object except through the deliberately named {@link #exportSecretSeed()},
 * {@link #exportSecretPkcs8()} and {@link #toJca()}; {@link #toString()} shows only a fingerprint of the public key.
 * With the native backend the key is parsed once into native memory (a handle); {@link #close()} wipes the seed and
 * frees that memory, which the native library overwrites with zeros. A key that is never closed is wiped and freed by a
 * {@link Cleaner} once unreachable, but close keys (try-with-resources) rather than rely on the garbage collector.
 *
 * <p>Thread-safe: any number of threads may sign with one key at once. {@link #close()} may be called from any thread
 * at any time: signatures in progress complete, later uses throw {@link IllegalStateException}, and the memory is
 * wiped once the last signature in progress is done. Closing twice is harmless.
 */
public final class Ed25519PrivateKey implements AutoCloseable, Destroyable {
    private final State state;
    private final Ed25519PublicKey publicKey;
    private final Cleaner.Cleanable cleanable;

    Ed25519PrivateKey(byte[] seed, Ed25519PublicKey publicKey, Signer nativeKey) {
        this.state = new State(seed, nativeKey);
        this.publicKey = publicKey;
        this.cleanable = state.users.closeWhenUnreachable(this);
    }

    /** The native backend's copy of a key, in native memory (made by {@code NativeEd25519}). */
    interface Signer {
        /** Signs {@code message} into {@code signatureOut[0, 64)}. */
        void sign(byte[] message, byte[] signatureOut);

        /** Frees (and wipes) the native copy. */
        void free();
    }

    /**
     * The private key of a 32-byte seed, computing its public key in Java. {@link Ed25519#keyPairFromSeed} does the
     * same on a chosen backend (faster on the native one).
     *
     * @param seed the seed (copied; wipe your copy when no longer needed)
     * @return the key; close it when done
     * @throws NullPointerException if {@code seed} is null
     * @throws IllegalArgumentException if {@code seed} is not 32 bytes
     */
    public static Ed25519PrivateKey fromSeed(byte[] seed) {
        checkSeed(seed);
        byte[] copy = seed.clone();
        byte[] publicKey = new byte[Ed25519.PUBLIC_KEY_LENGTH];
        org.bouncycastle.math.ec.rfc8032.Ed25519.generatePublicKey(copy, 0, publicKey, 0);
        return new Ed25519PrivateKey(copy, Ed25519PublicKey.derived(publicKey), null);
    }

    static void checkSeed(byte[] seed) {
        Objects.requireNonNull(seed, "seed");
        if (seed.length != Ed25519.SEED_LENGTH) {
            throw new IllegalArgumentException("an Ed25519 seed is 32 bytes, got " + seed.length);
        }
    }

    /**
     * The key in a PKCS#8 encoding (RFC 8410 §7): v1 as the JDK and OpenSSL write it ({@code openssl genpkey
     * -algorithm ed25519}, PEM "PRIVATE KEY" after Base64 decoding), or v2 with the public key as Bouncy Castle writes
     * it, in which case the public key must match the seed.
     *
     * @param pkcs8 the DER encoding (not modified; wipe it when no longer needed)
     * @return the key; close it when done
     * @throws NullPointerException if {@code pkcs8} is null
     * @throws IllegalArgumentException if it is not an Ed25519 PKCS#8 key, or its public key does not match
     */
    public static Ed25519PrivateKey fromPkcs8(byte[] pkcs8) {
        Objects.requireNonNull(pkcs8, "pkcs8");
        Encodings.Pkcs8 parsed = Encodings.fromPkcs8(pkcs8);
        Ed25519PrivateKey key = fromSeed(parsed.seed());
        Arrays.fill(parsed.seed(), (byte) 0);
        if (parsed.publicKey() != null && !Arrays.equals(parsed.publicKey(), key.publicKey.bytes())) {
            key.close();
            throw new IllegalArgumentException("not a valid PKCS#8 Ed25519 private key: its public key does not belong"
                    + " to its seed");
        }
        return key;
    }

    /**
     * The key of a {@code java.security} Ed25519 private key: the JDK's {@link EdECPrivateKey}, Bouncy Castle's, or
     * any key whose format is PKCS#8.
     *
     * @param key the key
     * @return the key; close it when done
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalArgumentException if it is not an Ed25519 private key (Ed448, another algorithm, no readable
     *     encoding)
     */
    public static Ed25519PrivateKey fromJca(PrivateKey key) {
        Objects.requireNonNull(key, "key");
        if (key instanceof EdECPrivateKey edec) {
            if (!Ed25519PublicKey.isEd25519(edec.getParams())) {
                throw new IllegalArgumentException("not an Ed25519 key: " + edec.getParams().getName());
            }
            Optional<byte[]> bytes = edec.getBytes();
            if (bytes.isPresent()) {
                byte[] seed = bytes.get();
                try {
                    return fromSeed(seed);
                } finally {
                    Arrays.fill(seed, (byte) 0);
                }
            }
        }
        String format = key.getFormat();
        byte[] encoded = key.getEncoded();
        if (format == null || !format.toUpperCase(Locale.ROOT).equals("PKCS#8") || encoded == null) {
            throw new IllegalArgumentException("a " + key.getAlgorithm() + " key in format " + format
                    + " can't be read: expected an Ed25519 key with a PKCS#8 encoding");
        }
        try {
            return fromPkcs8(encoded);
        } finally {
            Arrays.fill(encoded, (byte) 0);
        }
    }

    /**
     * The public key.
     *
     * @return the public key (available after {@link #close()} too)
     */
    public Ed25519PublicKey publicKey() {
        return publicKey;
    }

    /**
     * A copy of the secret 32-byte seed. Whoever holds it can sign as this key: wipe the copy
     * ({@code Arrays.fill(seed, (byte) 0)}) as soon as it has been used.
     *
     * @return a new array
     * @throws IllegalStateException if the key is closed
     */
    public byte[] exportSecretSeed() {
        return use(byte[]::clone);
    }

    /**
     * The secret key as PKCS#8 v1 (RFC 8410 §7), the form the JDK and OpenSSL read. Wipe it after use.
     *
     * @return a new 48-byte array
     * @throws IllegalStateException if the key is closed
     */
    public byte[] exportSecretPkcs8() {
        return use(Encodings::toPkcs8);
    }

    /**
     * The key as a JDK {@link EdECPrivateKey} (provider SunEC), for {@code java.security} APIs. The JDK object holds a
     * copy of the seed that closing this key does not wipe.
     *
     * @return the key
     * @throws IllegalStateException if the key is closed, or the JDK has no Ed25519 {@link KeyFactory}
     */
    public EdECPrivateKey toJca() {
        return use(seed -> {
            try {
                return (EdECPrivateKey) KeyFactory.getInstance("Ed25519",
                        JdkProviders.of("KeyFactory", "Ed25519", "SunEC"))
                        .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK cannot build an Ed25519 private key", e);
            }
        });
    }

    /**
     * Runs {@code action} on the seed while the key is guaranteed open. The fence keeps this object reachable until
     * the action is done, so the Cleaner can't close the key under a caller that still uses it.
     */
    <T> T use(Function<byte[], T> action) {
        try {
            return state.use(action);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** Runs {@code action} on the native copy (made on first use) while the key is guaranteed open. */
    <T> T useNative(Function<Signer, T> action) {
        state.users.acquire();
        try {
            return action.apply(state.nativeKey());
        } finally {
            state.users.release();
            Reference.reachabilityFence(this);
        }
    }

    /**
     * Wipes the seed and frees the native handle, once signatures in progress are done. Later uses throw
     * {@link IllegalStateException}; {@link #publicKey()} keeps working. Idempotent.
     */
    @Override
    public void close() {
        // Closed before returning, whoever runs the cleaning action: a Cleanable.clean() that loses the race to
        // another thread's returns before that thread has run it.
        state.users.close();
        cleanable.clean();
    }

    /** Same as {@link #close()}. */
    @Override
    public void destroy() {
        close();
    }

    /**
     * Whether {@link #close()} (or {@link #destroy()}) has been called.
     *
     * @return true once closed
     */
    @Override
    public boolean isDestroyed() {
        return state.users.isClosed();
    }

    /**
     * The public key's fingerprint, never the secret.
     *
     * @return {@code Ed25519PrivateKey[public sha256:…]}, with {@code , closed} once closed
     */
    @Override
    public String toString() {
        return "Ed25519PrivateKey[public " + Ed25519PublicKey.fingerprint(publicKey.bytes())
                + (state.users.isClosed() ? ", closed" : "") + "]";
    }

    /**
     * The secret state, separate from the key object so the {@link Cleaner} can close it after the key is gone: the
     * seed, the native copy (made on first native use), and the counter of operations in progress that wipes both
     * once the key is closed and nobody uses it.
     */
    private static final class State {
        final UseCounter users = new UseCounter("Ed25519PrivateKey", this::wipe);
        private final byte[] seed;
        private volatile Signer nativeKey; // written under this

        State(byte[] seed, Signer nativeKey) {
            this.seed = seed;
            this.nativeKey = nativeKey;
        }

        <T> T use(Function<byte[], T> action) {
            users.acquire();
            try {
                return action.apply(seed);
            } finally {
                users.release();
            }
        }

        /** Only between {@code users.acquire()} and {@code users.release()}. */
        Signer nativeKey() {
            Signer key = nativeKey;
            if (key == null) {
                synchronized (this) {
                    key = nativeKey;
                    if (key == null) {
                        AbstractEd25519 nativeBackend = (AbstractEd25519) Kernels.get(Ed25519.class, Backend.NATIVE);
                        key = nativeBackend.signer(seed, new byte[Ed25519.PUBLIC_KEY_LENGTH]);
                        nativeKey = key;
                    }
                }
            }
            return key;
        }

        private void wipe() {
            Arrays.fill(seed, (byte) 0);
            Signer key;
            synchronized (this) {
                key = nativeKey;
                nativeKey = null;
            }
            if (key != null) {
                key.free();
            }
        }
    }
}
