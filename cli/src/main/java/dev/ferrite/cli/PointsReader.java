package dev.ferrite.cli;

import dev.ferrite.dbscan.Metric;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads points from CSV or NumPy {@code .npy} files, refusing in one line (file, line and column) anything DBSCAN
 * can't take: a cell that is not a number, rows of different lengths, NaN or infinite values, and under the metric's
 * own rules a coordinate above 1e150 (Euclidean) or a zero vector (cosine).
 *
 * <p>CSV: one point per line, values separated by commas (or tabs, or spaces when a line has neither, as
 * {@code numpy.savetxt} writes); an optional header line (a first line none of whose cells is a number); blank lines
 * and lines starting with {@code #} are skipped. {@code .npy}: a 2-D float64 or float32 array in C order,
 * little-endian (format versions 1 to 3).
 */
final class PointsReader {
    /** The largest number of coordinates one Java array holds. */
    static final long MAX_VALUES = Integer.MAX_VALUE - 8;
    /** Above this magnitude squared Euclidean distances overflow; the library refuses such input. */
    static final double EUCLIDEAN_LIMIT = 1e150;

    private final Path file;
    private final String name;
    private final Metric metric;
    private final Progress progress;

    PointsReader(Path file, Metric metric, Progress progress) {
        this.file = file;
        this.name = file.toString();
        this.metric = metric;
        this.progress = progress;
    }

    Points read() throws IOException {
        if (!Files.isRegularFile(file)) {
            throw CliException.badInput(name + ": " + (Files.exists(file) ? "not a regular file" : "no such file"));
        }
        progress.stage("reading " + file.getFileName(), Files.size(file), true);
        return name.toLowerCase(Locale.ROOT).endsWith(".npy") ? readNpy() : readCsv();
    }

    // ---------------------------------------------------------------- CSV

    private Points readCsv() throws IOException {
        List<String> header = List.of();
        double[] values = new double[1 << 12];
        long used = 0;
        int dim = -1;
        int firstDataLine = 0;
        int count = 0;
        String separator = null;
        try (InputStream raw = Files.newInputStream(file);
                BufferedReader in = new BufferedReader(new InputStreamReader(new CountingStream(raw, progress),
                        StandardCharsets.UTF_8), 1 << 16)) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (lineNo == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                if (separator == null) {
                    separator = trimmed.indexOf(',') >= 0 ? "," : trimmed.indexOf('\t') >= 0 ? "\t" : null;
                }
                String[] cells = separator == null ? trimmed.split("\\s+") : line.split(separator, -1);
                if (dim < 0 && header.isEmpty() && isHeader(cells)) {
                    header = new ArrayList<>();
                    for (int k = 0; k < cells.length; k++) {
                        String cellName = unquote(cells[k].strip());
                        if (cellName.isEmpty()) {
                            // pandas' to_csv writes its index as a first column without a name: never cluster on it
                            throw error(lineNo, k + 1, "a header column without a name (an index column? write the CSV "
                                    + "without it, e.g. pandas' to_csv(index=False))");
                        }
                        header.add(cellName);
                    }
                    continue;
                }
                if (dim < 0) {
                    dim = cells.length;
                    firstDataLine = lineNo;
                    if (!header.isEmpty() && header.size() != dim) {
                        throw error(lineNo, Math.min(dim, header.size()) + 1, dim + " values, but the header on line 1 "
                                + "names " + header.size() + " columns");
                    }
                } else if (cells.length != dim) {
                    throw error(lineNo, Math.min(dim, cells.length) + 1, cells.length + " value"
                            + (cells.length == 1 ? "" : "s") + ", expected " + dim + " as on line " + firstDataLine);
                }
                if (used + dim > MAX_VALUES) {
                    throw CliException.badInput(name + ", line " + lineNo + ": more than " + MAX_VALUES
                            + " values in all, too many for one run");
                }
                if (used + dim > values.length) {
                    long grown = Math.max(used + dim, values.length * 2L);
                    values = Arrays.copyOf(values, (int) Math.min(MAX_VALUES, grown));
                }
                boolean allZero = true;
                for (int k = 0; k < dim; k++) {
                    double v = parse(cells[k], lineNo, k + 1);
                    allZero &= v == 0;
                    values[(int) used + k] = v;
                }
                if (allZero && metric == Metric.COSINE) {
                    throw CliException.badInput(name + ", line " + lineNo + ": a zero vector, which has no direction "
                            + "(the cosine metric needs one)");
                }
                used += dim;
                count++;
            }
        }
        if (count == 0) {
            throw CliException.badInput(name + ": no points" + (header.isEmpty() ? "" : " (only a header)"));
        }
        return new Points(Arrays.copyOf(values, (int) used), null, count, dim, List.copyOf(header));
    }

    private static boolean isHeader(String[] cells) {
        for (String cell : cells) {
            String c = unquote(cell.strip());
            if (isDecimal(c) || nonFinite(c)) {
                return false;
            }
        }
        return true;
    }

    private static String unquote(String cell) {
        return cell.length() >= 2 && cell.startsWith("\"") && cell.endsWith("\"") ? cell.substring(1, cell.length() - 1)
                : cell;
    }

    /** Whether {@code s} is a decimal number: {@code [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?}. */
    static boolean isDecimal(String s) {
        int i = 0;
        int n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exponent = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                exponent++;
            }
            if (exponent == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean nonFinite(String cell) {
        String c = cell.toLowerCase(Locale.ROOT);
        if (c.startsWith("+") || c.startsWith("-")) {
            c = c.substring(1);
        }
        return c.equals("nan") || c.equals("inf") || c.equals("infinity");
    }

    private double parse(String raw, int line, int column) {
        String cell = unquote(raw.strip());
        if (isDecimal(cell)) {
            double v = Double.parseDouble(cell);
            if (Double.isInfinite(v)) {
                throw error(line, column, "\"" + cell + "\" is out of range (beyond a double's largest value)");
            }
            checkMagnitude(v, () -> error(line, column, "|" + cell + "| is above 1e150, where squared Euclidean "
                    + "distances overflow"));
            return v;
        }
        if (nonFinite(cell)) {
            throw error(line, column, "\"" + cell + "\" is not a finite number (DBSCAN needs finite coordinates)");
        }
        throw error(line, column, cell.isEmpty() ? "an empty cell, expected a number"
                : "\"" + abbreviate(cell) + "\" is not a number");
    }

    private void checkMagnitude(double v, java.util.function.Supplier<CliException> error) {
        if (metric == Metric.EUCLIDEAN && Math.abs(v) > EUCLIDEAN_LIMIT) {
            throw error.get();
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    private CliException error(int line, int column, String message) {
        return CliException.badInput(name + ", line " + line + ", column " + column + ": " + message);
    }

    // ---------------------------------------------------------------- .npy

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Points readNpy() throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer preamble = readFully(ch, 0, (int) Math.min(size, 12));
            byte[] magic = new byte[6];
            preamble.get(magic);
            if (size < 10 || !Arrays.equals(magic, new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'})) {
                throw npy("not a NumPy .npy file (no \\x93NUMPY magic at the start)");
            }
            int major = preamble.get() & 0xff;
            preamble.get(); // minor version
            long headerLength;
            int headerStart;
            if (major == 1) {
                headerLength = preamble.order(ByteOrder.LITTLE_ENDIAN).getShort(8) & 0xffff;
                headerStart = 10;
            } else if (major == 2 || major == 3) {
                if (size < 12) {
                    throw npy("truncated header");
                }
                headerLength = preamble.order(ByteOrder.LITTLE_ENDIAN).getInt(8) & 0xffffffffL;
                headerStart = 12;
            } else {
                throw npy("format version " + major + " is not supported (1, 2 or 3)");
            }
            if (headerStart + headerLength > size || headerLength > 1 << 20) {
                throw npy("truncated header");
            }
            ByteBuffer headerBytes = readFully(ch, headerStart, (int) headerLength);
            String header = new String(headerBytes.array(), 0, headerBytes.limit(),
                    major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            String descr = field(DESCR, header, "descr");
            String fortran = field(FORTRAN, header, "fortran_order");
            String shapeText = field(SHAPE, header, "shape");
            int itemSize;
            if (descr.equals("<f8") || descr.equals("float64")) {
                itemSize = 8;
            } else if (descr.equals("<f4") || descr.equals("float32")) {
                itemSize = 4;
            } else if (descr.startsWith(">")) {
                throw npy("big-endian data ('" + descr + "') is not supported: save a.astype('<f8')");
            } else {
                throw npy("dtype '" + descr + "' is not supported: save a float64 or float32 array "
                        + "(a.astype('float64'))");
            }
            if (fortran.equals("True")) {
                throw npy("Fortran-order array: save numpy.ascontiguousarray(a)");
            }
            String[] dims = Arrays.stream(shapeText.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                    .toArray(String[]::new);
            if (dims.length != 2) {
                throw npy("a " + dims.length + "-D array of shape (" + shapeText.strip()
                        + "): expected 2-D, one row per point"
                        + (dims.length == 1 ? " (reshape it: a.reshape(-1, 1))" : ""));
            }
            long rows = Long.parseLong(dims[0].replace("L", ""));
            long cols = Long.parseLong(dims[1].replace("L", ""));
            if (rows == 0) {
                throw npy("no points (shape (0, " + cols + "))");
            }
            if (cols == 0) {
                throw npy("rows of no values (shape (" + rows + ", 0))");
            }
            if (rows * cols > MAX_VALUES || rows > Integer.MAX_VALUE) {
                throw npy(rows + " x " + cols + " values, more than one run takes (" + MAX_VALUES + ")");
            }
            int n = (int) rows;
            int dim = (int) cols;
            long dataStart = headerStart + headerLength;
            long expected = rows * cols * itemSize;
            if (size - dataStart < expected) {
                throw npy("truncated: the header promises " + expected + " bytes of data, the file has "
                        + (size - dataStart));
            }
            progress.advance(dataStart);
            int total = n * dim;
            double[] doubles = itemSize == 8 ? new double[total] : null;
            float[] floats = itemSize == 4 ? new float[total] : null;
            ByteBuffer chunk = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            long pos = dataStart;
            int filled = 0;
            while (filled < total) {
                chunk.clear();
                int want = Math.min(chunk.capacity() / itemSize, total - filled);
                chunk.limit(want * itemSize);
                while (chunk.hasRemaining()) {
                    if (ch.read(chunk, pos + chunk.position()) < 0) {
                        throw npy("truncated while reading");
                    }
                }
                chunk.flip();
                if (doubles != null) {
                    chunk.asDoubleBuffer().get(doubles, filled, want);
                } else {
                    chunk.asFloatBuffer().get(floats, filled, want);
                }
                for (int i = filled; i < filled + want; i++) {
                    double v = doubles != null ? doubles[i] : floats[i];
                    if (!Double.isFinite(v)) {
                        throw npy("element [" + i / dim + ", " + i % dim + "] is " + v
                                + " (DBSCAN needs finite coordinates)");
                    }
                    if (metric == Metric.EUCLIDEAN && Math.abs(v) > EUCLIDEAN_LIMIT) {
                        throw npy("element [" + i / dim + ", " + i % dim + "] is " + v + ", above 1e150, where squared "
                                + "Euclidean distances overflow");
                    }
                }
                pos += (long) want * itemSize;
                filled += want;
                progress.advance((long) want * itemSize);
            }
            if (metric == Metric.COSINE) {
                for (int i = 0; i < n; i++) {
                    boolean zero = true;
                    for (int k = 0; k < dim && zero; k++) {
                        zero = (doubles != null ? doubles[i * dim + k] : floats[i * dim + k]) == 0;
                    }
                    if (zero) {
                        throw npy("row " + i + " is a zero vector, which has no direction (the cosine metric "
                                + "needs one)");
                    }
                }
            }
            return new Points(doubles, floats, n, dim, List.of());
        }
    }

    private String field(Pattern pattern, String header, String key) {
        Matcher m = pattern.matcher(header);
        if (!m.find()) {
            throw npy("the header has no valid '" + key + "': " + header.strip());
        }
        return m.group(1);
    }

    private static ByteBuffer readFully(FileChannel ch, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (ch.read(buffer, position + buffer.position()) < 0) {
                break;
            }
        }
        buffer.flip();
        return buffer;
    }

    private CliException npy(String message) {
        return CliException.badInput(name + ": " + message);
    }

    /** Counts the bytes read for the progress bar. */
    private static final class CountingStream extends java.io.FilterInputStream {
        private final Progress progress;

        CountingStream(InputStream in, Progress progress) {
            super(in);
            this.progress = progress;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                progress.advance(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                progress.advance(n);
            }
            return n;
        }
    }
}
