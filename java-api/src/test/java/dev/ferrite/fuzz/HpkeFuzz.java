package dev.ferrite.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ferrite.Backend;
import dev.ferrite.Crypto;
import dev.ferrite.hpke.Hpke;
import dev.ferrite.hpke.HpkeMode;
import dev.ferrite.hpke.HpkeReceiverMode;
import dev.ferrite.hpke.HpkeSealed;
import dev.ferrite.hpke.HpkeSenderMode;
import dev.ferrite.hpke.HpkeSuite;
import dev.ferrite.hpke.HpkeTestHooks;
import dev.ferrite.x25519.X25519PrivateKey;
import dev.ferrite.x25519.X25519PublicKey;
import java.util.Arrays;
import java.util.Set;
import javax.crypto.AEADBadTagException;
import org.junit.jupiter.api.Tag;

/**
 * HPKE on both backends with fuzzed inputs: a message sealed with a fuzzed ephemeral key must be the same bytes on
 * both backends (every suite and mode), and opening it, or a damaged copy (bit changes in enc, ciphertext, AAD or
 * info; a wrong mode; a low-order enc or sender key), must give the same plaintext or the same documented exception on
 * both.
 */
@Tag("native")
class HpkeFuzz {
    private static final Hpke NATIVE = Crypto.hpke(Backend.NATIVE);
    private static final Hpke JAVA = Crypto.hpke(Backend.JAVA);
    private static final Set<Class<? extends Exception>> DOCUMENTED =
            Set.of(IllegalArgumentException.class, AEADBadTagException.class);
    private static final byte[] PSK = new byte[32];
    private static final byte[] PSK_ID = {'i', 'd'};

    private static byte[] key(FuzzedDataProvider data) {
        return Arrays.copyOf(data.consumeBytes(32), 32);
    }

    private static void flip(FuzzedDataProvider data, byte[] bytes) {
        if (bytes.length > 0) {
            bytes[data.consumeInt(0, bytes.length - 1)] ^= (byte) (1 << data.consumeInt(0, 7));
        }
    }

    @FuzzTest
    void sealAndOpen(FuzzedDataProvider data) {
        HpkeSuite suite = HpkeSuite.values()[data.consumeInt(0, HpkeSuite.values().length - 1)];
        HpkeMode mode = HpkeMode.values()[data.consumeInt(0, HpkeMode.values().length - 1)];
        byte[] ephemeral = key(data);
        byte[] info = data.consumeBytes(data.consumeInt(0, 40));
        byte[] aad = data.consumeBytes(data.consumeInt(0, 40));
        byte[] plaintext = data.consumeBytes(data.consumeInt(0, 300));
        try (X25519PrivateKey recipient = X25519PrivateKey.fromBytes(key(data));
                X25519PrivateKey sender = X25519PrivateKey.fromBytes(key(data))) {
            HpkeSenderMode senderMode = switch (mode) {
                case BASE -> HpkeSenderMode.base();
                case PSK -> HpkeSenderMode.psk(PSK, PSK_ID);
                case AUTH -> HpkeSenderMode.auth(sender);
                case AUTH_PSK -> HpkeSenderMode.authPsk(sender, PSK, PSK_ID);
            };
            String what = suite + " " + mode + " ephemeral " + AesGcmFuzz.hex(ephemeral);
            Differential.same("seal " + what,
                    () -> HpkeTestHooks.sealWithEphemeral(Backend.NATIVE, suite, recipient.publicKey(), info, aad,
                            plaintext, senderMode, ephemeral),
                    () -> HpkeTestHooks.sealWithEphemeral(Backend.JAVA, suite, recipient.publicKey(), info, aad,
                            plaintext, senderMode, ephemeral), DOCUMENTED);
            HpkeSealed sealed;
            try {
                sealed = HpkeTestHooks.sealWithEphemeral(Backend.NATIVE, suite, recipient.publicKey(), info, aad,
                        plaintext, senderMode, ephemeral);
            } catch (IllegalArgumentException lowOrderRecipient) {
                return;
            }
            byte[] enc = sealed.enc();
            byte[] ciphertext = sealed.ciphertext();
            X25519PublicKey senderPublic = sender.publicKey();
            HpkeMode openAs = mode;
            switch (data.consumeInt(0, 7)) {
                case 0 -> flip(data, enc);
                case 1 -> flip(data, ciphertext);
                case 2 -> flip(data, aad);
                case 3 -> flip(data, info);
                case 4 -> openAs = HpkeMode.values()[data.consumeInt(0, 3)];
                case 5 -> enc = new byte[32];
                case 6 -> senderPublic = X25519PublicKey.fromBytes(new byte[32]);
                default -> ciphertext = Arrays.copyOf(ciphertext, data.consumeInt(0, ciphertext.length));
            }
            X25519PublicKey senderKey = senderPublic;
            HpkeReceiverMode receiverMode = switch (openAs) {
                case BASE -> HpkeReceiverMode.base();
                case PSK -> HpkeReceiverMode.psk(PSK, PSK_ID);
                case AUTH -> HpkeReceiverMode.auth(senderKey);
                case AUTH_PSK -> HpkeReceiverMode.authPsk(senderKey, PSK, PSK_ID);
            };
            byte[] finalEnc = enc;
            byte[] finalCiphertext = ciphertext;
            Differential.same("open " + what + " enc " + AesGcmFuzz.hex(finalEnc) + " ct "
                    + AesGcmFuzz.hex(finalCiphertext),
                    () -> NATIVE.open(suite, finalEnc, recipient, info, aad, finalCiphertext, receiverMode),
                    () -> JAVA.open(suite, finalEnc, recipient, info, aad, finalCiphertext, receiverMode), DOCUMENTED);
        }
    }
}
