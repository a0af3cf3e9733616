package dev.ferrite.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ferrite.Backend;
import dev.ferrite.Crypto;
import dev.ferrite.ed25519.Ed25519;
import dev.ferrite.ed25519.Ed25519KeyPair;
import dev.ferrite.ed25519.Ed25519PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;

/**
 * Ed25519 verify (encoded-key and key-object forms) and verifyBatch on both backends with fuzzed keys, signatures
 * and messages. Entries are either arbitrary bytes or a real signature (key pair from a fuzzed seed, signed by the
 * Java backend) with fuzzed byte changes. Both must return the same boolean or throw the same
 * IllegalArgumentException.
 */
@Tag("native")
class Ed25519VerifyFuzz {
    private static final Ed25519 NATIVE = Crypto.ed25519(Backend.NATIVE);
    private static final Ed25519 JAVA = Crypto.ed25519(Backend.JAVA);
    private static final Set<Class<? extends Exception>> DOCUMENTED = Set.of(IllegalArgumentException.class);

    private record Entry(byte[] key, byte[] message, byte[] signature) {}

    private static Entry entry(FuzzedDataProvider data) {
        byte[] message = data.consumeBytes(data.consumeInt(0, 64));
        if (data.consumeBoolean()) {
            byte[] seed = java.util.Arrays.copyOf(data.consumeBytes(32), 32);
            byte[] key;
            byte[] signature;
            try (Ed25519KeyPair pair = JAVA.keyPairFromSeed(seed)) {
                key = pair.publicKey().toBytes();
                signature = JAVA.sign(pair.privateKey(), message);
            }
            int flips = data.consumeInt(0, 2);
            for (int i = 0; i < flips; i++) {
                int where = data.consumeInt(0, 2);
                byte[] target = where == 0 ? key : where == 1 ? signature : message;
                if (target.length > 0) {
                    target[data.consumeInt(0, target.length - 1)] ^= data.consumeByte();
                }
            }
            return new Entry(key, message, signature);
        }
        int keyLength = data.consumeInt(0, 15) == 0 ? data.consumeInt(0, 40) : 32;
        int sigLength = data.consumeInt(0, 15) == 0 ? data.consumeInt(0, 80) : 64;
        return new Entry(java.util.Arrays.copyOf(data.consumeBytes(keyLength), keyLength), message,
                java.util.Arrays.copyOf(data.consumeBytes(sigLength), sigLength));
    }

    private static String describe(Entry e) {
        return "key=" + AesGcmFuzz.hex(e.key) + " msg=" + AesGcmFuzz.hex(e.message) + " sig="
                + AesGcmFuzz.hex(e.signature);
    }

    @FuzzTest
    void verify(FuzzedDataProvider data) {
        boolean batch = data.consumeBoolean();
        if (!batch) {
            Entry e = entry(data);
            Differential.same("verify(byte[] key) " + describe(e), () -> NATIVE.verify(e.key, e.message, e.signature),
                    () -> JAVA.verify(e.key, e.message, e.signature), DOCUMENTED);
            Ed25519PublicKey key = parse(e.key);
            if (key != null) {
                Differential.same("verify(Ed25519PublicKey) " + describe(e),
                        () -> NATIVE.verify(key, e.message, e.signature), () -> JAVA.verify(key, e.message, e.signature),
                        DOCUMENTED);
            }
            return;
        }
        int count = data.consumeInt(0, 8);
        List<Ed25519PublicKey> keys = new ArrayList<>();
        List<byte[]> messages = new ArrayList<>();
        List<byte[]> signatures = new ArrayList<>();
        StringBuilder what = new StringBuilder("verifyBatch");
        for (int i = 0; i < count && data.remainingBytes() > 0; i++) {
            Entry e = entry(data);
            Ed25519PublicKey key = parse(e.key);
            if (key == null) {
                continue; // the batch form takes validated keys only
            }
            keys.add(key);
            messages.add(e.message);
            signatures.add(e.signature);
            what.append(" [").append(describe(e)).append(']');
        }
        Differential.same(what.toString(), () -> NATIVE.verifyBatch(keys, messages, signatures),
                () -> JAVA.verifyBatch(keys, messages, signatures), DOCUMENTED);
        // A batch must agree with verifying each entry on its own (when every signature has the right length).
        if (signatures.stream().allMatch(s -> s.length == 64)) {
            boolean each = true;
            for (int i = 0; i < keys.size(); i++) {
                each &= JAVA.verify(keys.get(i), messages.get(i), signatures.get(i));
            }
            boolean all = each;
            Differential.same("verifyBatch vs each verify: " + what, () -> NATIVE.verifyBatch(keys, messages, signatures),
                    () -> all, DOCUMENTED);
        }
    }

    private static Ed25519PublicKey parse(byte[] key) {
        try {
            return Ed25519PublicKey.fromBytes(key);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
