package dev.ferrite.bench;

import dev.ferrite.Backend;
import dev.ferrite.ed25519.Ed25519;
import dev.ferrite.ed25519.Ed25519PublicKey;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Verifying {@code count} signatures of 64-byte messages under {@code count} distinct keys, all valid; one operation is
 * the whole batch (divide by {@code count} for the time per signature).
 *
 * <ul>
 *   <li>{@code native}, {@code java}: Ferrite's {@code verifyBatch} (native: one multi-scalar equation per chunk,
 *       from 256 signatures split into one sub-batch per pool thread, verified in parallel; java: one by one).</li>
 *   <li>{@code native-single}: a loop of Ferrite's native {@code verify}, the baseline for the batch speed-up.</li>
 *   <li>{@code accp-single}, {@code bouncycastle-single}: a loop of the peer's single verification (neither has a batch
 *       API), with one verifier per key made and initialised in {@code @Setup}: the peer's best case, since a caller
 *       with many keys would at least initialise a {@code Signature} per key inside the loop.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class Ed25519BatchBench {

    @Param({"native", "java", "native-single", "accp-single", "bouncycastle-single"})
    public String impl;

    /** Signatures per batch. */
    @Param({"64", "1024"})
    public int count;

    private List<Ed25519PublicKey> keys;
    private List<byte[]> messages;
    private List<byte[]> signatures;
    private List<Ed25519Peers.Key> rawKeys;
    private List<Ed25519Peers.Verifier> peerVerifiers;
    private Ed25519 ed;
    private String peer;

    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException {
        SplittableRandom random = new SplittableRandom(0xBA7C4L + count);
        keys = new ArrayList<>();
        messages = new ArrayList<>();
        signatures = new ArrayList<>();
        rawKeys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Ed25519Peers.Key key = Ed25519Peers.Key.of(Peers.randomBytes(random, 32));
            byte[] message = Peers.randomBytes(random, 64);
            rawKeys.add(key);
            keys.add(key.ferrite().publicKey());
            messages.add(message);
            signatures.add(Ed25519Peers.ferrite(Backend.JAVA).sign(key.ferrite().privateKey(), message));
        }
        switch (impl) {
            case "native", "native-single" -> ed = Ed25519Peers.ferrite(Backend.NATIVE);
            case "java" -> ed = Ed25519Peers.ferrite(Backend.JAVA);
            case "accp-single" -> peer = "accp";
            case "bouncycastle-single" -> peer = "bouncycastle";
            default -> throw new IllegalArgumentException("unknown impl: " + impl);
        }
        if (peer != null) {
            peerVerifiers = new ArrayList<>();
            for (Ed25519Peers.Key key : rawKeys) {
                peerVerifiers.add(Ed25519Peers.verifier(peer, key));
            }
        }
        if (!verifyAll()) {
            throw new IllegalStateException(impl + " rejects a valid batch");
        }
        byte[] bad = signatures.get(count / 2).clone();
        bad[3] ^= 1;
        List<byte[]> valid = signatures;
        signatures = new ArrayList<>(valid);
        signatures.set(count / 2, bad);
        boolean accepted = verifyAll();
        signatures = valid;
        if (accepted) {
            throw new IllegalStateException(impl + " accepts a batch with a bad signature");
        }
    }

    private boolean verifyAll() throws GeneralSecurityException {
        if (peer != null) {
            boolean all = true;
            for (int i = 0; i < count; i++) {
                all &= peerVerifiers.get(i).verify(messages.get(i), signatures.get(i));
            }
            return all;
        }
        if (impl.equals("native-single")) {
            boolean all = true;
            for (int i = 0; i < count; i++) {
                all &= ed.verify(keys.get(i), messages.get(i), signatures.get(i));
            }
            return all;
        }
        return ed.verifyBatch(keys, messages, signatures);
    }

    @Benchmark
    public boolean verifyBatch() throws GeneralSecurityException {
        return verifyAll();
    }
}
