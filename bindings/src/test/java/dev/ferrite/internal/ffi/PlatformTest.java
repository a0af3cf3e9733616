package dev.ferrite.internal.ffi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The loader's platform names, musl detection, and the libraries the build packed for every bundled platform: each
 * present with a matching {@code .sha256}, and built for the platform its folder names (checked in the file's header).
 */
class PlatformTest {
    /** The platforms this build bundles: linux-x86_64 plus Maven's ferrite.platforms ("none" with -Dferrite.hostOnly). */
    static List<String> builtPlatforms() {
        String cross = System.getProperty("ferrite.test.platforms", "none").strip();
        List<String> all = new java.util.ArrayList<>(List.of("linux-x86_64"));
        if (!cross.equals("none")) {
            all.addAll(Arrays.asList(cross.split("\\s+")));
        }
        return all;
    }

    @Test
    void platform_namesEachOsAndArchitecture() throws Exception {
        assertEquals("linux-x86_64", NativeRuntime.platform("Linux", "amd64", false));
        assertEquals("linux-aarch64", NativeRuntime.platform("Linux", "aarch64", false));
        assertEquals("linux-x86_64-musl", NativeRuntime.platform("Linux", "amd64", true));
        assertEquals("linux-aarch64-musl", NativeRuntime.platform("Linux", "aarch64", true));
        assertEquals("windows-x86_64", NativeRuntime.platform("Windows 11", "amd64", false));
        assertEquals("windows-x86_64", NativeRuntime.platform("Windows Server 2022", "amd64", true));
        assertEquals("osx-aarch64", NativeRuntime.platform("Mac OS X", "aarch64", false));
        var e = assertThrows(NativeLoadException.class, () -> NativeRuntime.platform("Linux", "riscv64", false));
        assertTrue(e.getMessage().contains("linux-aarch64") && e.getMessage().contains("windows-x86_64"),
                e.getMessage());
        assertThrows(NativeLoadException.class, () -> NativeRuntime.platform("SunOS", "amd64", false));
    }

    @Test
    void runsOnMusl_readsTheMappedFiles(@TempDir Path dir) throws IOException {
        Path alpine = dir.resolve("alpine-maps");
        Files.writeString(alpine, """
                7f1c2a000000-7f1c2a014000 r--p 00000000 08:01 1234 /usr/lib/jvm/java-25-openjdk/lib/server/libjvm.so
                7f1c2b000000-7f1c2b04a000 r--p 00000000 08:01 5678 /lib/ld-musl-x86_64.so.1
                """);
        Path debian = dir.resolve("debian-maps");
        Files.writeString(debian, """
                7f1c2a000000-7f1c2a014000 r--p 00000000 08:01 1234 /usr/lib/jvm/temurin-25/lib/server/libjvm.so
                7f1c2b000000-7f1c2b028000 r--p 00000000 08:01 5678 /usr/lib/x86_64-linux-gnu/libc.so.6
                """);
        assertTrue(NativeRuntime.runsOnMusl(alpine));
        assertFalse(NativeRuntime.runsOnMusl(debian));
        assertFalse(NativeRuntime.runsOnMusl(dir.resolve("missing")));
    }

    /** On the x86-64 glibc build host (Debian, with musl-tools installed beside glibc): glibc, linux-x86_64. */
    @Test
    void thisBuildHost_isGlibcX8664() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("os.arch").equals("amd64")
                && Files.exists(Path.of("/lib/x86_64-linux-gnu/libc.so.6"))
                && Files.readString(Path.of("/proc/self/maps")).contains("/libc.so.6"),
                "not an x86-64 glibc JVM: the other hosts of RELEASING.md's CI matrix check their own platform");
        assertFalse(NativeRuntime.runsOnMusl(Path.of("/proc/self/maps")));
        assertEquals("linux-x86_64", assertDoesNotThrowPlatform());
    }

    private static String assertDoesNotThrowPlatform() {
        try {
            return NativeRuntime.platform();
        } catch (NativeLoadException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void bundledPlatforms_areWhatTheBuildProduces() {
        List<String> built = builtPlatforms();
        if (built.size() > 1) {
            // The full build: the loader's list (used in its messages) and the build's list are the same.
            assertEquals(NativeRuntime.BUNDLED_PLATFORMS, built);
        } else {
            assertEquals(List.of("linux-x86_64"), built);
        }
    }

    @ParameterizedTest
    @MethodSource("builtPlatforms")
    void packedLibrary_matchesItsHashAndItsPlatform(String platform) throws Exception {
        String name = platform.startsWith("windows") ? "ferrite.dll" : "libferrite.so";
        String resource = NativeRuntime.DEFAULT_RESOURCE_ROOT + "/" + platform + "/" + name;
        byte[] library = read(resource);
        String expected = new String(read(resource + ".sha256"), StandardCharsets.US_ASCII).strip();
        String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(library));
        assertEquals(expected, actual, resource + " does not match its .sha256");

        ByteBuffer header = ByteBuffer.wrap(library).order(ByteOrder.LITTLE_ENDIAN);
        String text = new String(library, StandardCharsets.ISO_8859_1);
        switch (platform) {
            case "windows-x86_64" -> {
                assertArrayEquals(new byte[] {'M', 'Z'}, Arrays.copyOf(library, 2), "not a PE file");
                int pe = header.getInt(0x3c);
                assertEquals(0x00004550, header.getInt(pe), "no PE signature");
                assertEquals(0x8664, Short.toUnsignedInt(header.getShort(pe + 4)), "not x86-64 code");
                assertTrue(text.contains("ferrite_abi_version"), "ferrite_abi_version not exported");
            }
            default -> {
                assertArrayEquals(new byte[] {0x7f, 'E', 'L', 'F', 2, 1}, Arrays.copyOf(library, 6),
                        "not a 64-bit little-endian ELF file");
                assertEquals(3, header.getShort(16), "not a shared object (ET_DYN)");
                int machine = Short.toUnsignedInt(header.getShort(18));
                assertEquals(platform.startsWith("linux-aarch64") ? 183 : 62, machine, "e_machine of " + platform);
                // glibc libraries need libc.so.6; musl's C library is libc.so.
                assertEquals(!platform.endsWith("-musl"), text.contains("libc.so.6"), "C library of " + platform);
                assertTrue(text.contains("ferrite_abi_version"), "ferrite_abi_version not exported");
            }
        }
    }

    private static byte[] read(String resource) throws IOException {
        try (InputStream in = PlatformTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertNotNull(in, "the build did not pack " + resource);
            return in.readAllBytes();
        }
    }

    /** Windows leaves each run's folder (its DLL can't be deleted while loaded): later runs remove the stale ones. */
    @Test
    void removeStaleDirectories_removesOldFerriteFoldersOnly(@TempDir Path root) throws IOException {
        java.time.Instant now = java.time.Instant.now();
        Path old = Files.createDirectory(root.resolve("ferrite-old"));
        Files.write(old.resolve("ferrite.dll"), new byte[] {1, 2, 3});
        Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.from(now.minusSeconds(7200)));
        Path fresh = Files.createDirectory(root.resolve("ferrite-fresh"));
        Files.write(fresh.resolve("ferrite.dll"), new byte[] {1});
        Path other = Files.createDirectory(root.resolve("other-old"));
        Files.setLastModifiedTime(other, java.nio.file.attribute.FileTime.from(now.minusSeconds(7200)));
        Path file = Files.write(root.resolve("ferrite-file"), new byte[] {1});
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(now.minusSeconds(7200)));

        NativeLoader.removeStaleDirectories(root, now.minus(NativeLoader.STALE_AFTER));

        assertFalse(Files.exists(old), "an hour-old ferrite-* folder is removed");
        assertTrue(Files.exists(fresh.resolve("ferrite.dll")), "a recent one is left (another JVM may be extracting)");
        assertTrue(Files.exists(other), "other folders are left");
        assertTrue(Files.exists(file), "files named ferrite-* are left");
        NativeLoader.removeStaleDirectories(root.resolve("missing"), now); // quietly nothing
    }
}
