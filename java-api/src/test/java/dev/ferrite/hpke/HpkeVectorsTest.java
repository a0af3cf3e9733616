package dev.ferrite.hpke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ferrite.Backend;
import dev.ferrite.Crypto;
import dev.ferrite.x25519.X25519KeyPair;
import dev.ferrite.x25519.X25519PrivateKey;
import dev.ferrite.x25519.X25519PublicKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.AEADBadTagException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 9180 Appendix A's vectors for DHKEM(X25519, HKDF-SHA256), HKDF-SHA256 with AES-128-GCM and AES-256-GCM, in all
 * four modes (resources/vectors/hpke, see its README), on each backend: the derived key pairs, the sender's enc and all
 * 257 encryptions of each key schedule (with the vector's ephemeral key), the recipient opening all of them, and the 3
 * exports on both sides.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.ferrite.TestBackends#all")
class HpkeVectorsTest {
    private static final HexFormat HEX = HexFormat.of();
    private static JsonArray vectors;

    @Parameter
    Backend backend;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = HpkeVectorsTest.class.getResourceAsStream(
                "/vectors/hpke/rfc9180-x25519-sha256-aesgcm.json")) {
            vectors = JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonArray();
        }
    }

    private AbstractHpke hpke() {
        return (AbstractHpke) Crypto.hpke(backend);
    }

    private static byte[] hex(JsonObject o, String field) {
        return HEX.parseHex(o.get(field).getAsString());
    }

    private static HpkeSuite suite(JsonObject v) {
        return switch (v.get("aead_id").getAsInt()) {
            case 1 -> HpkeSuite.X25519_SHA256_AES_128_GCM;
            case 2 -> HpkeSuite.X25519_SHA256_AES_256_GCM;
            default -> throw new AssertionError("aead_id " + v.get("aead_id"));
        };
    }

    private static String name(JsonObject v) {
        return "mode " + v.get("mode").getAsInt() + ", aead " + v.get("aead_id").getAsInt();
    }

    private static HpkeSenderMode senderMode(JsonObject v, X25519PrivateKey sender) {
        return switch (v.get("mode").getAsInt()) {
            case 0 -> HpkeSenderMode.base();
            case 1 -> HpkeSenderMode.psk(hex(v, "psk"), hex(v, "psk_id"));
            case 2 -> HpkeSenderMode.auth(sender);
            case 3 -> HpkeSenderMode.authPsk(sender, hex(v, "psk"), hex(v, "psk_id"));
            default -> throw new AssertionError();
        };
    }

    private static HpkeReceiverMode receiverMode(JsonObject v) {
        return switch (v.get("mode").getAsInt()) {
            case 0 -> HpkeReceiverMode.base();
            case 1 -> HpkeReceiverMode.psk(hex(v, "psk"), hex(v, "psk_id"));
            case 2 -> HpkeReceiverMode.auth(X25519PublicKey.fromBytes(hex(v, "pkSm")));
            case 3 -> HpkeReceiverMode.authPsk(X25519PublicKey.fromBytes(hex(v, "pkSm")), hex(v, "psk"),
                    hex(v, "psk_id"));
            default -> throw new AssertionError();
        };
    }

    @Test
    void vectors_coverFourModesAndTwoAeads() {
        assertEquals(8, vectors.size());
        for (JsonElement e : vectors) {
            assertEquals(257, e.getAsJsonObject().getAsJsonArray("encryptions").size());
            assertEquals(3, e.getAsJsonObject().getAsJsonArray("exports").size());
        }
    }

    /** DeriveKeyPair (RFC 9180 §7.1.3) gives the vectors' keys from their ikm. */
    @Test
    void deriveKeyPair_givesTheVectorsKeys() {
        int checked = 0;
        for (JsonElement e : vectors) {
            JsonObject v = e.getAsJsonObject();
            for (String who : List.of("E", "R", "S")) {
                if (!v.has("ikm" + who)) {
                    continue;
                }
                try (X25519KeyPair pair = hpke().deriveKeyPair(hex(v, "ikm" + who))) {
                    assertEquals(v.get("sk" + who + "m").getAsString(),
                            HEX.formatHex(pair.privateKey().exportSecretBytes()), name(v) + " sk" + who);
                    assertEquals(v.get("pk" + who + "m").getAsString(), HEX.formatHex(pair.publicKey().toBytes()),
                            name(v) + " pk" + who);
                    checked++;
                }
            }
        }
        assertEquals(20, checked);
    }

    /** The sender, given the vector's ephemeral key, makes the vector's enc and every one of its 257 ciphertexts. */
    @Test
    void sender_makesEveryEncryptionAndExport() {
        List<String> failures = new ArrayList<>();
        for (JsonElement e : vectors) {
            JsonObject v = e.getAsJsonObject();
            X25519PrivateKey sender = v.has("skSm") ? X25519PrivateKey.fromBytes(hex(v, "skSm")) : null;
            try (HpkeSenderContext context = hpke().setupSender(suite(v),
                    X25519PublicKey.fromBytes(hex(v, "pkRm")), hex(v, "info"), senderMode(v, sender),
                    hex(v, "skEm"))) {
                if (!HEX.formatHex(context.enc()).equals(v.get("enc").getAsString())) {
                    failures.add(name(v) + ": enc " + HEX.formatHex(context.enc()));
                }
                int sequence = 0;
                for (JsonElement m : v.getAsJsonArray("encryptions")) {
                    JsonObject message = m.getAsJsonObject();
                    String ct = HEX.formatHex(context.seal(hex(message, "aad"), hex(message, "pt")));
                    if (!ct.equals(message.get("ct").getAsString())) {
                        failures.add(name(v) + ": encryption " + sequence + " gave " + ct);
                    }
                    sequence++;
                }
                assertEquals(257, context.sequenceNumber());
                for (JsonElement x : v.getAsJsonArray("exports")) {
                    JsonObject export = x.getAsJsonObject();
                    String value = HEX.formatHex(context.export(hex(export, "exporter_context"),
                            export.get("L").getAsInt()));
                    if (!value.equals(export.get("exported_value").getAsString())) {
                        failures.add(name(v) + ": export gave " + value);
                    }
                }
            } finally {
                if (sender != null) {
                    sender.close();
                }
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " differences, first: " + failures.stream().limit(5).toList());
    }

    /** The recipient opens all 257 ciphertexts in order, exports the vector's values, and single-shot open agrees. */
    @Test
    void receiver_opensEveryEncryption() throws AEADBadTagException {
        List<String> failures = new ArrayList<>();
        for (JsonElement e : vectors) {
            JsonObject v = e.getAsJsonObject();
            try (X25519PrivateKey recipient = X25519PrivateKey.fromBytes(hex(v, "skRm"));
                    HpkeReceiverContext context = hpke().setupReceiver(suite(v), hex(v, "enc"), recipient,
                            hex(v, "info"), receiverMode(v))) {
                int sequence = 0;
                for (JsonElement m : v.getAsJsonArray("encryptions")) {
                    JsonObject message = m.getAsJsonObject();
                    String pt = HEX.formatHex(context.open(hex(message, "aad"), hex(message, "ct")));
                    if (!pt.equals(message.get("pt").getAsString())) {
                        failures.add(name(v) + ": decryption " + sequence + " gave " + pt);
                    }
                    sequence++;
                }
                for (JsonElement x : v.getAsJsonArray("exports")) {
                    JsonObject export = x.getAsJsonObject();
                    String value = HEX.formatHex(context.export(hex(export, "exporter_context"),
                            export.get("L").getAsInt()));
                    if (!value.equals(export.get("exported_value").getAsString())) {
                        failures.add(name(v) + ": export gave " + value);
                    }
                }
                JsonObject first = v.getAsJsonArray("encryptions").get(0).getAsJsonObject();
                String single = HEX.formatHex(hpke().open(suite(v), hex(v, "enc"), recipient, hex(v, "info"),
                        hex(first, "aad"), hex(first, "ct"), receiverMode(v)));
                if (!single.equals(first.get("pt").getAsString())) {
                    failures.add(name(v) + ": single-shot open gave " + single);
                }
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " differences, first: " + failures.stream().limit(5).toList());
    }

    /**
     * RFC 9180 appendix A.2.1 (ChaCha20-Poly1305, base mode; not in the JSON file, its values written here): enc, the
     * first two encryptions, and the recipient opening them.
     */
    @Test
    void rfc9180_a21_chacha20Poly1305() throws AEADBadTagException {
        byte[] info = HEX.parseHex("4f6465206f6e2061204772656369616e2055726e");
        byte[] skE = HEX.parseHex("f4ec9b33b792c372c1d2c2063507b684ef925b8c75a42dbcbf57d63ccd381600");
        byte[] pt = HEX.parseHex("4265617574792069732074727574682c20747275746820626561757479");
        String[][] messages = {
            {"436f756e742d30", "1c5250d8034ec2b784ba2cfd69dbdb8af406cfe3ff938e131f0def8c8b60b4db21993c62ce81883d2dd1b51a28"},
            {"436f756e742d31", "6b53c051e4199c518de79594e1c4ab18b96f081549d45ce015be002090bb119e85285337cc95ba5f59992dc98c"}};
        HpkeSuite suite = HpkeSuite.X25519_SHA256_CHACHA20_POLY1305;
        try (X25519PrivateKey recipient = X25519PrivateKey.fromBytes(
                HEX.parseHex("8057991eef8f1f1af18f4a9491d16a1ce333f695d4db8e38da75975c4478e0fb"))) {
            assertEquals("4310ee97d88cc1f088a5576c77ab0cf5c3ac797f3d95139c6c84b5429c59662a",
                    HEX.formatHex(recipient.publicKey().toBytes()));
            try (HpkeSenderContext sender = hpke().setupSender(suite, recipient.publicKey(), info,
                    HpkeSenderMode.base(), skE)) {
                assertEquals("1afa08d3dec047a643885163f1180476fa7ddb54c6a8029ea33f95796bf2ac4a",
                        HEX.formatHex(sender.enc()));
                try (HpkeReceiverContext receiver = hpke().setupReceiver(suite, sender.enc(), recipient, info,
                        HpkeReceiverMode.base())) {
                    for (String[] m : messages) {
                        byte[] ct = sender.seal(HEX.parseHex(m[0]), pt);
                        assertEquals(m[1], HEX.formatHex(ct));
                        assertEquals(HEX.formatHex(pt), HEX.formatHex(receiver.open(HEX.parseHex(m[0]), ct)));
                    }
                }
            }
        }
    }
}
