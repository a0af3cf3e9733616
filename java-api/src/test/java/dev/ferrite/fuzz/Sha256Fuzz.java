package dev.ferrite.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ferrite.Backend;
import dev.ferrite.Crypto;
import dev.ferrite.sha256.Sha256;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;

/** SHA-256 on both backends: digest, digest of a range, of heap and direct buffers, and digestAll of odd batches. */
@Tag("native")
class Sha256Fuzz {
    private static final Sha256 NATIVE = Crypto.sha256(Backend.NATIVE);
    private static final Sha256 JAVA = Crypto.sha256(Backend.JAVA);

    @FuzzTest
    void digest(FuzzedDataProvider data) {
        int mode = data.consumeInt(0, 3);
        if (mode == 0) {
            byte[] msg = data.consumeRemainingAsBytes();
            Differential.same("digest", () -> NATIVE.digest(msg), () -> JAVA.digest(msg), Set.of());
        } else if (mode == 1) {
            int offset = data.consumeInt(-2, 70);
            int length = data.consumeInt(-2, 200);
            byte[] msg = data.consumeRemainingAsBytes();
            Differential.same("digest(range off=" + offset + ", len=" + length + ")",
                    () -> NATIVE.digest(msg, offset, length), () -> JAVA.digest(msg, offset, length),
                    Set.of(IndexOutOfBoundsException.class));
        } else if (mode == 2) {
            boolean direct = data.consumeBoolean();
            int skip = data.consumeInt(0, 8);
            byte[] msg = data.consumeRemainingAsBytes();
            Differential.same("digest(ByteBuffer direct=" + direct + ")",
                    () -> NATIVE.digest(buffer(msg, skip, direct)), () -> JAVA.digest(buffer(msg, skip, direct)),
                    Set.of());
        } else {
            int count = data.consumeInt(0, 40);
            List<byte[]> batch = new ArrayList<>();
            for (int i = 0; i < count && data.remainingBytes() > 0; i++) {
                // Mostly short and empty messages, sometimes a longer one.
                int max = data.consumeInt(0, 9) == 0 ? 300 : 3;
                batch.add(data.consumeBytes(data.consumeInt(0, max)));
            }
            List<byte[]> fixed = List.copyOf(batch);
            Differential.same("digestAll(" + fixed.size() + " messages)", () -> NATIVE.digestAll(fixed),
                    () -> JAVA.digestAll(fixed), Set.of());
            // Each batch entry must equal the single-message digest.
            byte[][] all = JAVA.digestAll(fixed);
            for (int i = 0; i < fixed.size(); i++) {
                int at = i;
                Differential.same("digestAll[" + i + "] vs digest", () -> NATIVE.digest(fixed.get(at)),
                        () -> all[at], Set.of());
            }
        }
    }

    private static ByteBuffer buffer(byte[] msg, int skip, boolean direct) {
        ByteBuffer b = direct ? ByteBuffer.allocateDirect(msg.length + skip) : ByteBuffer.allocate(msg.length + skip);
        b.position(skip);
        b.put(msg);
        b.position(skip);
        return b;
    }
}
