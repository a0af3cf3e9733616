package dev.ferrite.dbscan;

import dev.ferrite.Backend;
import dev.ferrite.internal.Points;

/**
 * Exact DBSCAN in pure Java: the fallback when the native library is not available, with the same results as the
 * native backend (labels and core flags identical for every input and any thread count, see {@link Dbscan}).
 *
 * <h2>Methods</h2>
 * <ul>
 *   <li><b>Grid</b>, for up to 3 dimensions: points are sorted into cells of side {@code eps / sqrt(d)} (for cosine,
 *       the canonical unit vectors into cells of the matching chord length), so only pairs in nearby cells are
 *       tested. A cell holding at least {@code minPts} points makes all its points core points without counting;
 *       other points count neighbours until they reach {@code minPts}. Clusters are joined cell by cell (one search
 *       for one neighbouring core pair per pair of cells) with a union-find. Time about linear in {@code n} unless
 *       very many points lie within {@code eps} of each other without forming dense cells.</li>
 *   <li><b>Blocked</b>, for 4 or more dimensions (and when a grid would be too fine): all pairs, as single-precision
 *       dot products computed in tiles of 64 x 1024 points with loops that HotSpot vectorises; a pair is decided
 *       from its single-precision value only when a proven error margin puts it clearly inside or outside
 *       {@code eps}, and otherwise by the exact double-precision formula. Time quadratic in {@code n}, linear in
 *       {@code d}.</li>
 * </ul>
 *
 * <h2>Memory</h2>
 * Proportional to the number of points, never to the number of pairs. Grid: at most about {@code 16 d + 33} bytes
 * per point (a sorted copy of the coordinates, indices, cells, the result; 65 bytes for 2-D points). Blocked: a
 * single-precision copy of the points ({@code 4 d} bytes per point), about 40 bytes per point of other arrays, a tile
 * buffer ({@code 256 KiB + 256 d} bytes) per work item (8 per thread) and kept neighbour pairs of 8 bytes: at most
 * {@code 64 n} of them (plus fewer than 4096 per work item), beyond which they are dropped and the tiles are computed
 * a second time instead. The pair buffers grow by doubling, so they can take up to twice that ({@code 128 n} pairs,
 * 1 KiB per point), briefly three times while one is copied to a larger one.
 *
 * <h2>Threads</h2>
 * {@link DbscanParams#threads()} {@code 0} runs on the common {@link java.util.concurrent.ForkJoinPool} (the calling
 * thread helps), {@code 1} on the calling thread only, {@code k > 1} on a pool of
 * {@code min(k, Runtime.availableProcessors())} threads created for the call (on the calling thread only when that
 * is 1), like the native backend, which caps {@code k} at the size of its pool. The pool is shut down, and its threads
 * have finished, before the call returns or throws. The result does not depend on the setting.
 *
 * <p>Obtain it from {@link dev.ferrite.Clustering#dbscan(Backend)} or {@link #instance()}. Stateless and thread-safe.
 */
final class JavaDbscan extends AbstractDbscan {
    private static final JavaDbscan INSTANCE = new JavaDbscan();

    private JavaDbscan() {}

    /**
     * The pure-Java implementation; always available.
     *
     * @return the shared instance
     */
    static JavaDbscan instance() {
        return INSTANCE;
    }

    @Override
    DbscanResult compute(Points points, DbscanParams params) {
        if (points.dim <= 3) {
            DbscanResult grid = JavaGrid.run(points, params);
            if (grid != null) {
                return grid;
            }
        }
        return JavaBlocked.run(points, params);
    }

    @Override
    public Backend backend() {
        return Backend.JAVA;
    }
}
