package dev.ferrite.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ferrite.Backend;
import dev.ferrite.Crypto;
import dev.ferrite.argon2.Argon2;
import dev.ferrite.argon2.Argon2Params;
import dev.ferrite.argon2.Argon2Type;
import dev.ferrite.argon2.Argon2VerifyOptions;
import java.util.Set;
import org.junit.jupiter.api.Tag;

/**
 * Argon2 verify on both backends with fuzzed PHC strings under a small cost ceiling (64 KiB, 2 passes, 2 lanes) so
 * each run stays fast. Half the time the string is a real hash (tiny parameters, by the Java backend) with fuzzed
 * edits, so parsing and verification both get past the first character. Both must give the same boolean or throw
 * the same IllegalArgumentException.
 */
@Tag("native")
class Argon2VerifyFuzz {
    private static final Argon2 NATIVE = Crypto.argon2(Backend.NATIVE);
    private static final Argon2 JAVA = Crypto.argon2(Backend.JAVA);
    private static final Argon2VerifyOptions OPTIONS =
            Argon2VerifyOptions.defaults().maxMemoryKib(64).maxIterations(2).maxParallelism(2);
    private static final Argon2Type[] TYPES = Argon2Type.values();

    @FuzzTest
    void verify(FuzzedDataProvider data) {
        boolean real = data.consumeBoolean();
        boolean chars = data.consumeBoolean();
        byte[] password = data.consumeBytes(data.consumeInt(0, 24));
        String phc;
        if (real) {
            int lanes = data.consumeInt(1, 2);
            Argon2Params params = Argon2Params.builder()
                    .type(TYPES[data.consumeInt(0, TYPES.length - 1)])
                    .memoryKib(data.consumeInt(8 * lanes, 64))
                    .iterations(data.consumeInt(1, 2))
                    .parallelism(lanes)
                    .outputLength(data.consumeInt(4, 40))
                    .saltLength(data.consumeInt(8, 24))
                    .build();
            byte[] hashed = data.consumeBoolean() ? password : data.consumeBytes(data.consumeInt(0, 8));
            StringBuilder s = new StringBuilder(JAVA.hash(hashed, params));
            int edits = data.consumeInt(0, 3);
            for (int i = 0; i < edits && s.length() > 0; i++) {
                int at = data.consumeInt(0, s.length() - 1);
                switch (data.consumeInt(0, 2)) {
                    case 0 -> s.setCharAt(at, data.consumeChar());
                    case 1 -> s.deleteCharAt(at);
                    default -> s.insert(at, data.consumeChar());
                }
            }
            phc = s.toString();
        } else {
            phc = data.consumeRemainingAsString();
        }
        String what = "phc=" + phc.codePoints().collect(StringBuilder::new, (b, c) -> {
            if (c >= 0x20 && c < 0x7f) {
                b.appendCodePoint(c);
            } else {
                b.append(String.format("\\u{%x}", c));
            }
        }, StringBuilder::append) + " password=" + AesGcmFuzz.hex(password);
        Set<Class<? extends Exception>> documented = Set.of(IllegalArgumentException.class);
        if (chars) {
            char[] pw = new String(password, java.nio.charset.StandardCharsets.ISO_8859_1).toCharArray();
            Differential.same("verify(char[]) " + what, () -> NATIVE.verify(phc, pw.clone(), OPTIONS),
                    () -> JAVA.verify(phc, pw.clone(), OPTIONS), documented);
        } else {
            Differential.same("verify " + what, () -> NATIVE.verify(phc, password, OPTIONS),
                    () -> JAVA.verify(phc, password, OPTIONS), documented);
        }
    }
}
