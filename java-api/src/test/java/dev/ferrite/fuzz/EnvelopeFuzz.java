package dev.ferrite.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ferrite.Backend;
import dev.ferrite.Crypto;
import dev.ferrite.hkdf.Hkdf;
import dev.ferrite.x25519.X25519;
import dev.ferrite.x25519.X25519PrivateKey;
import dev.ferrite.x25519.X25519PublicKey;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;

/**
 * X25519 agreement and HKDF-SHA256 on both backends with fuzzed inputs: both must return the same bytes or throw the
 * same documented exception. X25519 peers are arbitrary bytes, one of the low-order points (RFC 7748 §6.1 refusal),
 * or a real public key with fuzzed bit changes (twist points, top bit, values of p or more); HKDF lengths stray
 * outside RFC 5869's limits now and then.
 */
@Tag("native")
class EnvelopeFuzz {
    private static final X25519 NATIVE_X = Crypto.x25519(Backend.NATIVE);
    private static final X25519 JAVA_X = Crypto.x25519(Backend.JAVA);
    private static final Hkdf NATIVE_H = Crypto.hkdf(Backend.NATIVE);
    private static final Hkdf JAVA_H = Crypto.hkdf(Backend.JAVA);
    private static final Set<Class<? extends Exception>> DOCUMENTED = Set.of(IllegalArgumentException.class);
    private static final List<byte[]> LOW_ORDER = List.of(
            HexFormat.of().parseHex("0000000000000000000000000000000000000000000000000000000000000000"),
            HexFormat.of().parseHex("0100000000000000000000000000000000000000000000000000000000000000"),
            HexFormat.of().parseHex("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800"),
            HexFormat.of().parseHex("5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157"),
            HexFormat.of().parseHex("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
            HexFormat.of().parseHex("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
            HexFormat.of().parseHex("eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"));

    @FuzzTest
    void agree(FuzzedDataProvider data) {
        byte[] secret = Arrays.copyOf(data.consumeBytes(32), 32);
        byte[] peer = switch (data.consumeInt(0, 2)) {
            case 0 -> Arrays.copyOf(data.consumeBytes(32), 32);
            case 1 -> LOW_ORDER.get(data.consumeInt(0, LOW_ORDER.size() - 1)).clone();
            default -> {
                byte[] real;
                try (X25519PrivateKey other = X25519PrivateKey.fromBytes(Arrays.copyOf(data.consumeBytes(32), 32))) {
                    real = other.publicKey().toBytes();
                }
                int flips = data.consumeInt(0, 3);
                for (int i = 0; i < flips; i++) {
                    real[data.consumeInt(0, 31)] ^= data.consumeByte();
                }
                yield real;
            }
        };
        X25519PublicKey peerKey = X25519PublicKey.fromBytes(peer);
        String what = "agree(" + AesGcmFuzz.hex(secret) + ", " + AesGcmFuzz.hex(peer) + ")";
        try (X25519PrivateKey key = X25519PrivateKey.fromBytes(secret)) {
            Differential.same("public key of " + AesGcmFuzz.hex(secret),
                    () -> NATIVE_X.keyPairFromPrivateKey(secret).publicKey(),
                    () -> JAVA_X.keyPairFromPrivateKey(secret).publicKey(), DOCUMENTED);
            Differential.same(what, () -> NATIVE_X.agree(key, peerKey), () -> JAVA_X.agree(key, peerKey), DOCUMENTED);
        }
    }

    @FuzzTest
    void hkdf(FuzzedDataProvider data) {
        byte[] salt = data.consumeBoolean() ? null : data.consumeBytes(data.consumeInt(0, 80));
        byte[] ikm = data.consumeBytes(data.consumeInt(0, 200));
        byte[] info = data.consumeBoolean() ? null : data.consumeBytes(data.consumeInt(0, 200));
        int length = data.consumeInt(0, 15) == 0 ? data.consumeInt(-2, 9000) : data.consumeInt(1, 300);
        String what = "derive(salt=" + (salt == null ? "null" : AesGcmFuzz.hex(salt)) + ", ikm=" + AesGcmFuzz.hex(ikm)
                + ", info=" + (info == null ? "null" : AesGcmFuzz.hex(info)) + ", " + length + ")";
        Differential.same(what, () -> NATIVE_H.derive(salt, ikm, info, length),
                () -> JAVA_H.derive(salt, ikm, info, length), DOCUMENTED);
        byte[] prk = data.consumeBytes(data.consumeInt(0, 64));
        Differential.same("expand(prk=" + AesGcmFuzz.hex(prk) + ", " + length + ")",
                () -> NATIVE_H.expand(prk, info, length), () -> JAVA_H.expand(prk, info, length), DOCUMENTED);
    }
}
