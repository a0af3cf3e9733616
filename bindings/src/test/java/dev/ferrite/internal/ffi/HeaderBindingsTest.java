package dev.ferrite.internal.ffi;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hand-written bindings must match {@code bindings/include/ferrite.h}, which cbindgen writes from the Rust
 * source: every function with the same name and parameter types on both sides, the same status codes and the
 * same ABI version.
 */
class HeaderBindingsTest {
    private static final Pattern FUNCTION = Pattern.compile(
            "^(\\w+)\\s+(ferrite_\\w+)\\s*\\(([^)]*)\\)\\s*;", Pattern.MULTILINE);
    private static final Pattern STATUS = Pattern.compile("FERRITE_STATUS_(\\w+)\\s*=\\s*(-?\\d+)");
    private static final Pattern ABI = Pattern.compile("#define\\s+FERRITE_ABI_VERSION\\s+(\\d+)");

    private static String header;

    @BeforeAll
    static void readHeader() throws IOException {
        header = Files.readString(Path.of(System.getProperty("ferrite.test.header", "include/ferrite.h")));
    }

    /** C type of a parameter or return value → the layout FFM uses for it on 64-bit platforms. */
    private static String layoutOfCType(String declaration) {
        String type = declaration.strip();
        if (type.contains("*")) {
            return "ADDRESS";
        }
        type = type.replaceAll("\\s+\\w+$", "").replace("const ", "").strip();
        return switch (type) {
            case "int32_t", "uint32_t" -> "JAVA_INT";
            case "size_t", "int64_t", "uint64_t" -> "JAVA_LONG";
            case "double" -> "JAVA_DOUBLE";
            default -> "unmapped C type '" + type + "'";
        };
    }

    private static String nameOf(MemoryLayout layout) {
        if (layout.equals(ADDRESS)) {
            return "ADDRESS";
        }
        if (layout.equals(JAVA_INT)) {
            return "JAVA_INT";
        }
        if (layout.equals(JAVA_LONG)) {
            return "JAVA_LONG";
        }
        if (layout.equals(JAVA_DOUBLE)) {
            return "JAVA_DOUBLE";
        }
        return layout.toString();
    }

    private static Map<String, List<String>> headerFunctions() {
        Map<String, List<String>> functions = new TreeMap<>();
        Matcher m = FUNCTION.matcher(header);
        while (m.find()) {
            List<String> signature = new ArrayList<>();
            signature.add(layoutOfCType(m.group(1)));
            String params = m.group(3).strip();
            if (!params.equals("void") && !params.isEmpty()) {
                Arrays.stream(params.split(",")).map(HeaderBindingsTest::layoutOfCType).forEach(signature::add);
            }
            functions.put(m.group(2), signature);
        }
        return functions;
    }

    private static Map<String, List<String>> javaFunctions() throws ReflectiveOperationException {
        Map<String, List<String>> functions = new TreeMap<>();
        for (Class<?> holder : FerriteNative.HOLDERS) {
            Field desc = holder.getDeclaredField("DESC");
            desc.setAccessible(true);
            FunctionDescriptor descriptor = (FunctionDescriptor) desc.get(null);
            List<String> signature = new ArrayList<>();
            signature.add(descriptor.returnLayout().map(HeaderBindingsTest::nameOf).orElse("void"));
            descriptor.argumentLayouts().stream().map(HeaderBindingsTest::nameOf).forEach(signature::add);
            functions.put(holder.getSimpleName(), signature);
        }
        return functions;
    }

    @Test
    void everyHeaderFunction_hasJavaBindingWithSameSignature() throws ReflectiveOperationException {
        Map<String, List<String>> c = headerFunctions();
        assertFalse(c.isEmpty(), "no functions parsed from the header");
        assertTrue(c.containsKey("ferrite_sha256_digest"), "parser missed ferrite_sha256_digest: " + c.keySet());
        // [return, params...] per function; the maps print side by side on failure.
        assertEquals(c, javaFunctions(), "ferrite.h (expected) and FerriteNative holders (actual) disagree");
    }

    @Test
    void everyClassHoldingBindings_isListed() throws IOException, URISyntaxException {
        // Every compiled holder (Outer$ferrite_name.class) in this package, found on disk, must belong to a class in
        // FerriteNative.BINDINGS, so that HOLDERS (derived from it) resolves every function at load.
        Path packageDir = Path.of(FerriteNative.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve(FerriteNative.class.getPackageName().replace('.', '/'));
        List<String> compiled;
        try (Stream<Path> files = Files.list(packageDir)) {
            compiled = files.map(f -> f.getFileName().toString())
                    .filter(n -> n.contains("$ferrite_") && n.endsWith(".class"))
                    .map(n -> n.substring(n.indexOf('$') + 1, n.length() - ".class".length()))
                    .sorted().toList();
        }
        List<String> eager = FerriteNative.HOLDERS.stream().map(Class::getSimpleName).sorted().toList();
        assertFalse(compiled.isEmpty(), "no holder classes found in " + packageDir);
        assertEquals(compiled, eager, "a class holding raw bindings is missing from FerriteNative.BINDINGS");
    }

    @Test
    void statusCodes_matchHeaderEnum() throws ReflectiveOperationException {
        Map<String, Integer> c = new TreeMap<>();
        Matcher m = STATUS.matcher(header);
        while (m.find()) {
            c.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        Map<String, Integer> java = new TreeMap<>();
        for (Field field : Status.class.getDeclaredFields()) {
            if (Modifier.isPublic(field.getModifiers()) && field.getType() == int.class) {
                java.put(field.getName(), field.getInt(null));
            }
        }
        assertFalse(c.isEmpty(), "no FerriteStatus values parsed from the header");
        assertEquals(c, java);
    }

    @Test
    void abiVersion_matchesHeader() {
        Matcher m = ABI.matcher(header);
        assertTrue(m.find(), "FERRITE_ABI_VERSION not in header");
        assertEquals(Integer.parseInt(m.group(1)), FerriteNative.ABI_VERSION);
    }

    @Test
    void digestLength_matchesHeader() {
        Matcher m = Pattern.compile("#define\\s+FERRITE_SHA256_DIGEST_LEN\\s+(\\d+)").matcher(header);
        assertTrue(m.find(), "FERRITE_SHA256_DIGEST_LEN not in header");
        assertEquals(Integer.parseInt(m.group(1)), Sha256Binding.DIGEST_LENGTH);
    }
}
