package dev.ferrite;

import dev.ferrite.ed25519.Ed25519;
import dev.ferrite.ed25519.Ed25519KeyPair;
import dev.ferrite.sha256.Sha256;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.Stream;

/**
 * Child-JVM entry point for {@link LoaderHostileTest}: touches Ferrite in the way the first argument names and prints
 * what happened, one fact a line.
 * <ul>
 *   <li>{@code report}: the backend, the load error and the results of a SHA-256 and an Ed25519 signature;
 *   <li>{@code race}: sixteen threads, released together by a barrier, each touching Ferrite for the first time;
 *   <li>{@code loaders}: Ferrite in two independent class loaders of this JVM.
 * </ul>
 * Each mode then prints the libferrite files mapped into this process, all and those with executable code
 * ({@code /proc/self/maps}; every load extracts to its own directory, so the count is the number of loads), and what
 * is left under {@code -Dferrite.tmpdir}.
 */
public final class LoaderProbe {
    static final int THREADS = 16;

    private static final HexFormat HEX = HexFormat.of();
    /** RFC 8032 §7.1, TEST 1: the secret key (seed); its message is empty. */
    private static final String RFC8032_TEST1_SEED = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";

    private LoaderProbe() {}

    /**
     * Runs one mode.
     *
     * @param args the mode: {@code report}, {@code race} or {@code loaders}
     * @throws Exception when the probe itself breaks (the test then sees a non-zero exit)
     */
    public static void main(String[] args) throws Exception {
        switch (args.length == 1 ? args[0] : "") {
            case "report" -> report();
            case "race" -> race();
            case "loaders" -> loaders();
            default -> throw new IllegalArgumentException("usage: LoaderProbe report|race|loaders");
        }
        Set<String> mapped = libferriteMappings(false);
        System.out.println("libferriteMappings=" + mapped.size() + " " + mapped);
        Set<String> executable = libferriteMappings(true);
        System.out.println("libferriteExecutable=" + executable.size() + " " + executable);
        System.out.println("tmpdirEntries=" + tmpdirEntries());
    }

    private static void report() {
        System.out.println("backend=" + Ferrite.backend());
        System.out.println("nativeLoadError=" + Ferrite.nativeLoadError().map(Throwable::getMessage).orElse("none"));
        System.out.println("work=" + work());
    }

    private static void race() throws InterruptedException {
        CyclicBarrier start = new CyclicBarrier(THREADS);
        ConcurrentLinkedQueue<String> results = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            int index = i;
            threads.add(TestThreads.start("racer-" + i, () -> {
                try {
                    start.await();
                    results.add("thread " + index + ": backend=" + Ferrite.backend() + " " + work());
                } catch (Exception | Error e) {
                    results.add("thread " + index + " threw " + e);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        results.forEach(System.out::println);
    }

    private static void loaders() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            urls.add(Path.of(entry).toUri().toURL());
        }
        ClassLoader platform = ClassLoader.getPlatformClassLoader();
        try (URLClassLoader a = new URLClassLoader("loader-a", urls.toArray(URL[]::new), platform);
                URLClassLoader b = new URLClassLoader("loader-b", urls.toArray(URL[]::new), platform)) {
            // By name, so that this class never links Ferrite's classes in the application class loader.
            Class<?> ferriteA = Class.forName("dev.ferrite.Ferrite", false, a);
            Class<?> ferriteB = Class.forName("dev.ferrite.Ferrite", false, b);
            System.out.println("ferriteClassesDistinct=" + (ferriteA != ferriteB));
            System.out.println("ferriteDefinedBy=" + ferriteA.getClassLoader().getName() + " "
                    + ferriteB.getClassLoader().getName());
            for (URLClassLoader loader : List.of(a, b)) {
                Callable<?> worker = (Callable<?>) Class.forName("dev.ferrite.LoaderProbe$Worker", true, loader)
                        .getConstructor().newInstance();
                System.out.println(loader.getName() + "=" + worker.call());
            }
        }
    }

    /** Runs in a class loader of its own in {@code loaders} mode; reports on the Ferrite that loader sees. */
    public static final class Worker implements Callable<String> {
        /** Reflection needs a public constructor. */
        public Worker() {}

        @Override
        public String call() throws ClassNotFoundException {
            ClassLoader own = Worker.class.getClassLoader();
            // By name: the FFM bindings are compiled for JDK 22, these tests for 17.
            ClassLoader nativeLoader = Class.forName("dev.ferrite.internal.ffi.FerriteNative", false, own)
                    .getClassLoader();
            return "definedBy=" + own.getName() + " ferriteDefinedBy=" + Ferrite.class.getClassLoader().getName()
                    + " nativeDefinedBy=" + nativeLoader.getName() + " backend=" + Ferrite.backend() + " " + work();
        }
    }

    /**
     * SHA-256 of "abc" and the RFC 8032 TEST 1 signature on the active backend, each with the backend that computed
     * it, and whether the signature verifies and an altered one does not.
     */
    static String work() {
        Sha256 sha = Crypto.sha256();
        String digest = HEX.formatHex(sha.digest("abc".getBytes(StandardCharsets.US_ASCII)));
        Ed25519 ed = Crypto.ed25519();
        try (Ed25519KeyPair pair = ed.keyPairFromSeed(HEX.parseHex(RFC8032_TEST1_SEED))) {
            byte[] signature = Crypto.sign(pair.privateKey(), new byte[0]);
            boolean verified = Crypto.verify(pair.publicKey(), new byte[0], signature);
            byte[] altered = signature.clone();
            altered[0] ^= 1;
            boolean alteredRejected = !Crypto.verify(pair.publicKey(), new byte[0], altered);
            return "sha256=" + sha.backend() + " " + digest + " ed25519=" + ed.backend() + " "
                    + HEX.formatHex(signature) + " verified=" + verified + " alteredRejected=" + alteredRejected;
        }
    }

    /** The distinct libferrite files mapped into this process, or only those with an executable mapping. */
    private static Set<String> libferriteMappings(boolean executableOnly) throws IOException {
        Set<String> files = new TreeSet<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/maps"), StandardCharsets.UTF_8)) {
            // address perms offset dev inode path, perms like "r-xp"
            int path = line.indexOf('/');
            boolean executable = line.split(" ", 3)[1].charAt(2) == 'x';
            if (path >= 0 && line.contains("libferrite") && (executable || !executableOnly)) {
                files.add(line.substring(path));
            }
        }
        return files;
    }

    private static String tmpdirEntries() {
        String dir = System.getProperty("ferrite.tmpdir", "");
        if (dir.isBlank()) {
            return "not set";
        }
        try (Stream<Path> entries = Files.list(Path.of(dir))) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList().toString();
        } catch (IOException e) {
            return "unreadable: " + e;
        }
    }
}
