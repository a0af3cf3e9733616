package dev.ferrite.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ferrite.Backend;
import dev.ferrite.Crypto;
import dev.ferrite.aead.AesGcm;
import dev.ferrite.aead.AesGcmKey;
import java.util.Set;
import javax.crypto.AEADBadTagException;
import org.junit.jupiter.api.Tag;

/**
 * AES-GCM decrypt and open on both backends with fuzzed key (16/24/32 bytes, sometimes another length), nonce,
 * ciphertext and AAD; half the time the ciphertext is a real encryption (by the Java backend) with a few fuzzed byte
 * changes, so the accept path is reached too. Both must return the same plaintext or throw the same
 * AEADBadTagException / IllegalArgumentException.
 */
@Tag("native")
class AesGcmFuzz {
    private static final AesGcm NATIVE = Crypto.aesGcm(Backend.NATIVE);
    private static final AesGcm JAVA = Crypto.aesGcm(Backend.JAVA);
    private static final Set<Class<? extends Exception>> DOCUMENTED =
            Set.of(AEADBadTagException.class, IllegalArgumentException.class);

    @FuzzTest
    void decrypt(FuzzedDataProvider data) throws Exception {
        int keyChoice = data.consumeInt(0, 15);
        int keyLength = keyChoice < 15 ? 16 + 8 * (keyChoice % 3) : data.consumeInt(0, 40);
        byte[] keyBytes = data.consumeBytes(keyLength);
        if (keyBytes.length != keyLength) {
            keyBytes = java.util.Arrays.copyOf(keyBytes, keyLength);
        }
        int nonceLength = data.consumeInt(0, 9) == 0 ? data.consumeInt(0, 20) : AesGcm.NONCE_LENGTH;
        byte[] nonce = java.util.Arrays.copyOf(data.consumeBytes(nonceLength), nonceLength);
        byte[] aad = data.consumeBoolean() ? null : data.consumeBytes(data.consumeInt(0, 40));
        int mode = data.consumeInt(0, 3);
        boolean realCiphertext = data.consumeBoolean();
        int flips = data.consumeInt(0, 2);
        int[] flipAt = new int[flips];
        byte[] flipXor = new byte[flips];
        for (int i = 0; i < flips; i++) {
            flipAt[i] = data.consumeInt(0, Integer.MAX_VALUE);
            flipXor[i] = data.consumeByte();
        }
        byte[] payload = data.consumeRemainingAsBytes();

        byte[] k = keyBytes;
        Differential.same("key(" + k.length + " bytes)", () -> keyBits(NATIVE, k), () -> keyBits(JAVA, k), DOCUMENTED);
        if (k.length != 16 && k.length != 24 && k.length != 32) {
            return;
        }
        try (AesGcmKey n = NATIVE.key(k); AesGcmKey j = JAVA.key(k)) {
            byte[] input = payload;
            if (realCiphertext && nonce.length == AesGcm.NONCE_LENGTH) {
                input = (mode == 1) ? concat(nonce, j.encrypt(nonce, payload, aad)) : j.encrypt(nonce, payload, aad);
                for (int i = 0; i < flips && input.length > 0; i++) {
                    input[flipAt[i] % input.length] ^= flipXor[i];
                }
            }
            byte[] in = input;
            String what = "key=" + hex(k) + " nonce=" + hex(nonce) + " aad=" + (aad == null ? "null" : hex(aad))
                    + " in=" + hex(in);
            switch (mode) {
                case 0 -> Differential.same("decrypt " + what, () -> n.decrypt(nonce, in, aad),
                        () -> j.decrypt(nonce, in, aad), DOCUMENTED);
                case 1 -> Differential.same("open " + what, () -> n.open(in, aad), () -> j.open(in, aad), DOCUMENTED);
                default -> {
                    boolean direct = mode == 3;
                    Differential.same("decrypt(ByteBuffer direct=" + direct + ") " + what,
                            () -> decryptBuffer(n, nonce, in, aad, direct), () -> decryptBuffer(j, nonce, in, aad, direct),
                            DOCUMENTED);
                }
            }
        }
    }

    private static int keyBits(AesGcm gcm, byte[] key) {
        try (AesGcmKey k = gcm.key(key)) {
            return k.keyBits();
        }
    }

    private static byte[] decryptBuffer(AesGcmKey key, byte[] nonce, byte[] in, byte[] aad, boolean direct)
            throws AEADBadTagException {
        java.nio.ByteBuffer src = direct ? java.nio.ByteBuffer.allocateDirect(in.length) : java.nio.ByteBuffer.allocate(in.length);
        src.put(in).flip();
        int room = Math.max(0, in.length - AesGcm.TAG_LENGTH);
        java.nio.ByteBuffer out = direct ? java.nio.ByteBuffer.allocateDirect(room) : java.nio.ByteBuffer.allocate(room);
        int written = key.decrypt(nonce, src, aad, out);
        byte[] result = new byte[written];
        out.flip().get(result);
        return result;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static String hex(byte[] b) {
        return java.util.HexFormat.of().formatHex(b);
    }
}
