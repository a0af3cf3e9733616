package dev.ferrite.fuzz;

import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Runs one call on both backends and fails when they disagree: both must return equal values (arrays compared by
 * content, deeply), or both must throw the same exception type, and that type must be one the API documents for the
 * call. Any other exception is a failure even when both backends throw it. Errors (crashes, OOM) propagate as they
 * are, so Jazzer reports them.
 */
final class Differential {
    private Differential() {}

    /** What one backend did: a value, or an exception. */
    record Outcome(Object value, Exception thrown) {
        static Outcome of(Callable<?> call) {
            try {
                return new Outcome(call.call(), null);
            } catch (Exception e) {
                return new Outcome(null, e);
            }
        }

        @Override
        public String toString() {
            return thrown != null ? "threw " + thrown : "returned " + Arrays.deepToString(new Object[] {value});
        }
    }

    static void same(String what, Callable<?> nativeCall, Callable<?> javaCall, Set<Class<? extends Exception>> allowed) {
        Outcome n = Outcome.of(nativeCall);
        Outcome j = Outcome.of(javaCall);
        if (n.thrown != null || j.thrown != null) {
            if (n.thrown == null || j.thrown == null || n.thrown.getClass() != j.thrown.getClass()) {
                throw disagreement(what, n, j);
            }
            if (!allowed.contains(n.thrown.getClass())) {
                AssertionError e = new AssertionError(what + ": both backends threw an undocumented "
                        + n.thrown.getClass().getName());
                e.addSuppressed(n.thrown);
                e.addSuppressed(j.thrown);
                throw e;
            }
            return;
        }
        if (!Arrays.deepEquals(new Object[] {n.value}, new Object[] {j.value})) {
            throw disagreement(what, n, j);
        }
    }

    private static AssertionError disagreement(String what, Outcome n, Outcome j) {
        AssertionError e = new AssertionError(what + ": backends disagree: NATIVE " + n + ", JAVA " + j);
        if (n.thrown != null) {
            e.addSuppressed(n.thrown);
        }
        if (j.thrown != null) {
            e.addSuppressed(j.thrown);
        }
        return e;
    }
}
