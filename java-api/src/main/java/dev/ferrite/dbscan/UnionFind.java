package dev.ferrite.dbscan;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Union-find over {@code 0 .. n-1} that several threads may use at once (lock-free, compare-and-set).
 *
 * <p>A root is always linked under the <em>smaller</em> root, so parent indices only decrease along a path and no
 * cycle can form, whatever the interleaving; {@link #find} halves paths with compare-and-set (a failed CAS only
 * means another thread shortened the path first). The connected components, and so the partition DBSCAN reports,
 * are the same for every order of the unions.
 */
final class UnionFind {
    private final AtomicIntegerArray parent;

    UnionFind(int n) {
        parent = new AtomicIntegerArray(n);
        for (int i = 0; i < n; i++) {
            parent.setPlain(i, i);
        }
    }

    /** The current root of {@code x}'s set. */
    int find(int x) {
        while (true) {
            int p = parent.get(x);
            if (p == x) {
                return x;
            }
            int g = parent.get(p);
            if (g == p) {
                return p;
            }
            parent.compareAndSet(x, p, g);
            x = g;
        }
    }

    /** Whether {@code a} and {@code b} are (now) in one set; a cheap check before an expensive search. */
    boolean connected(int a, int b) {
        return find(a) == find(b);
    }

    /** Merges the sets of {@code a} and {@code b}. */
    void union(int a, int b) {
        while (true) {
            a = find(a);
            b = find(b);
            if (a == b) {
                return;
            }
            if (a > b) {
                int t = a;
                a = b;
                b = t;
            }
            // b is the larger root: hang it under a. Fails only when b stopped being a root meanwhile.
            if (parent.compareAndSet(b, b, a)) {
                return;
            }
        }
    }

    /**
     * Replaces each point's node ({@code -1} for noise) by its cluster label: the components are numbered
     * {@code 0, 1, ...} in order of first appearance along the array, {@code -1} becomes {@link Dbscan#NOISE}. Call
     * once all unions are done (single-threaded).
     */
    void labelByFirstAppearance(int[] nodes) {
        int[] number = new int[parent.length()];
        Arrays.fill(number, -1);
        int next = 0;
        for (int i = 0; i < nodes.length; i++) {
            int node = nodes[i];
            if (node < 0) {
                nodes[i] = Dbscan.NOISE;
                continue;
            }
            int root = find(node);
            if (number[root] < 0) {
                number[root] = next++;
            }
            nodes[i] = number[root];
        }
    }
}
