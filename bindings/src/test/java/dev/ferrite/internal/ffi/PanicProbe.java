package dev.ferrite.internal.ffi;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CyclicBarrier;

/**
 * Child-JVM entry point for {@link NativePanicTest}, run with {@code -Dferrite.library.path} naming the test library
 * ({@code libtest_exports.so}): makes the library panic in each way {@code ferrite_test_panic} offers, passes each
 * status through {@link Status#check(int, String)} (the one place codes become exceptions), and prints one line per
 * outcome, then proves the library still works. Exits with status 0 only when it reaches the end.
 */
public final class PanicProbe {
    private PanicProbe() {}

    /**
     * Runs the probe.
     *
     * @param args unused
     * @throws Throwable when something unexpected happens (the parent test then fails on the exit status)
     */
    @SuppressWarnings("restricted")
    public static void main(String[] args) throws Throwable {
        System.out.println("available=" + FerriteNative.isAvailable() + " origin=" + FerriteNative.origin().orElse("-")
                + " error=" + FerriteNative.loadError().map(Throwable::getMessage).orElse("none"));
        MemorySegment address = FerriteNative.find("ferrite_test_panic").orElseThrow(
                () -> new IllegalStateException("the loaded library has no ferrite_test_panic"));
        MethodHandle panic = FerriteNative.LINKER.downcallHandle(address, FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        for (int kind = 0; kind <= 4; kind++) {
            int code = (int) panic.invokeExact(kind);
            System.out.println("kind=" + kind + " code=" + code + " " + outcome(code, kind));
            System.out.println("after kind=" + kind + " sha256(abc)=" + sha256Abc());
        }
        // Sixteen threads panic at once: each gets its own status and its own message back.
        int threads = 16;
        CyclicBarrier start = new CyclicBarrier(threads);
        List<String> results = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int kind = t % 2;
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                    int code = (int) panic.invokeExact(kind);
                    String expected = kind == 0 ? "deliberate test panic on the calling thread"
                            : "deliberate test panic on a pool worker";
                    String outcome = outcome(code, kind);
                    results.add(outcome.startsWith("threw FerriteNativeException") && outcome.contains(expected)
                            ? "own message" : "kind " + kind + " got: " + outcome);
                } catch (Throwable e) {
                    results.add("worker failed: " + e);
                }
            });
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        long matching = results.stream().filter("own message"::equals).count();
        System.out.println("concurrent panics=" + results.size() + " with own message=" + matching);
        results.stream().filter(r -> !r.equals("own message")).forEach(r -> System.out.println("mismatch: " + r));
        System.out.println("final sha256(abc)=" + sha256Abc());
        System.out.println("alive");
    }

    private static String outcome(int code, int kind) {
        try {
            Status.check(code, "test panic " + kind);
            return "no exception";
        } catch (RuntimeException e) {
            return "threw " + e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private static String sha256Abc() {
        byte[] out = new byte[32];
        byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        Sha256Binding.digest(abc, 0, abc.length, out);
        return HexFormat.of().formatHex(out);
    }
}
