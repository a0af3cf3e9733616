package dev.ferrite.jca;

import dev.ferrite.Backend;
import dev.ferrite.internal.ffi.NativeRuntime;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Security;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** Shared helpers of the JCA provider tests: providers, and AES-GCM driven in pieces through arrays or buffers. */
final class Jca {
    private static final Map<Backend, FerriteProvider> ALL = new EnumMap<>(Backend.class);
    private static Provider bouncyCastle;

    private Jca() {}

    /** Ferrite on {@code backend} with every service (one instance per backend). */
    static synchronized FerriteProvider ferrite(Backend backend) {
        return ALL.computeIfAbsent(backend, b -> new FerriteProvider(b, true));
    }

    /** Bouncy Castle's provider (not installed). */
    static synchronized Provider bouncyCastle() {
        if (bouncyCastle == null) {
            bouncyCastle = new BouncyCastleProvider();
        }
        return bouncyCastle;
    }

    /** A JDK provider that must exist. */
    static Provider jdk(String name) {
        Provider p = Security.getProvider(name);
        if (p == null) {
            throw new IllegalStateException("this JDK has no provider " + name);
        }
        return p;
    }

    /**
     * The implementations of this JVM a conformance test runs against ({@code @MethodSource("dev.ferrite.jca.Jca#impls")}):
     * on JDK 22 and newer the JDK's providers and Ferrite on each backend; on JDK 17 and 21 Ferrite's Java backend
     * alone. There the JDK's own providers are not the reference: SunJCE 17 leaves unverified plaintext in the output
     * after a bad tag and SunEC 17 accepts some wrong-length signatures, where Ferrite keeps the behaviour of the
     * newer JDK, which the assertions encode.
     *
     * @return the implementations
     */
    static Stream<Impl> impls() {
        return Runtime.version().feature() >= NativeRuntime.MIN_FEATURE ? Stream.of(Impl.values())
                : Stream.of(Impl.FERRITE_JAVA);
    }

    /**
     * The implementations a conformance test runs against: the JDK's providers and Ferrite on each backend (all
     * services). The JDK is the reference wherever it defines a behaviour.
     */
    enum Impl {
        JDK(null),
        FERRITE_NATIVE(Backend.NATIVE),
        FERRITE_JAVA(Backend.JAVA);

        private final Backend backend;

        Impl(Backend backend) {
            this.backend = backend;
        }

        boolean isFerrite() {
            return backend != null;
        }

        Provider cipher() {
            return backend == null ? jdk("SunJCE") : ferrite(backend);
        }

        Provider signature() {
            return backend == null ? jdk("SunEC") : ferrite(backend);
        }

        Provider digest() {
            return backend == null ? jdk("SUN") : ferrite(backend);
        }

        Provider keyAgreement() {
            return backend == null ? jdk("SunEC") : ferrite(backend);
        }
    }

    /** How {@link #gcmInPieces} hands data to a Cipher. */
    enum Io {
        ARRAYS,
        ARRAYS_WITH_OUTPUT,
        HEAP_BUFFERS,
        DIRECT_BUFFERS,
        READ_ONLY_INPUT
    }

    /**
     * Runs an initialised {@code cipher} on {@code aad} (two {@code updateAAD} calls split at {@code aadSplit}, none
     * when empty) and {@code input} ({@code update} up to {@code split}, {@code doFinal} for the rest) through
     * {@code io}, and returns everything it output.
     */
    static byte[] gcmInPieces(Cipher cipher, byte[] aad, int aadSplit, byte[] input, int split, Io io)
            throws GeneralSecurityException {
        if (aad.length > 0) {
            if (io == Io.ARRAYS || io == Io.ARRAYS_WITH_OUTPUT) {
                cipher.updateAAD(aad, 0, aadSplit);
                cipher.updateAAD(aad, aadSplit, aad.length - aadSplit);
            } else {
                cipher.updateAAD(buffer(aad, 0, aadSplit, io));
                cipher.updateAAD(buffer(aad, aadSplit, aad.length - aadSplit, io));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        switch (io) {
            case ARRAYS -> {
                byte[] first = cipher.update(input, 0, split);
                if (first != null) {
                    out.writeBytes(first);
                }
                out.writeBytes(cipher.doFinal(input, split, input.length - split));
            }
            case ARRAYS_WITH_OUTPUT -> {
                byte[] o = new byte[cipher.getOutputSize(input.length) + 7];
                int n = cipher.update(input, 0, split, o, 3);
                int m = cipher.doFinal(input, split, input.length - split, o, 3 + n);
                out.write(o, 3, n + m);
            }
            default -> {
                ByteBuffer o = io == Io.DIRECT_BUFFERS ? ByteBuffer.allocateDirect(cipher.getOutputSize(input.length)
                        + 5) : ByteBuffer.allocate(cipher.getOutputSize(input.length) + 5);
                o.position(2);
                cipher.update(buffer(input, 0, split, io), o);
                cipher.doFinal(buffer(input, split, input.length - split, io), o);
                o.flip().position(2);
                byte[] bytes = new byte[o.remaining()];
                o.get(bytes);
                out.writeBytes(bytes);
            }
        }
        return out.toByteArray();
    }

    /** {@code length} bytes of {@code data} from {@code offset} as a buffer of the kind {@code io} asks for. */
    static ByteBuffer buffer(byte[] data, int offset, int length, Io io) {
        ByteBuffer b = switch (io) {
            case DIRECT_BUFFERS -> ByteBuffer.allocateDirect(length + 3);
            default -> ByteBuffer.allocate(length + 3);
        };
        b.position(3);
        b.put(data, offset, length);
        b.flip().position(3);
        ByteBuffer slice = b.slice();
        return io == Io.READ_ONLY_INPUT ? slice.asReadOnlyBuffer() : slice;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
