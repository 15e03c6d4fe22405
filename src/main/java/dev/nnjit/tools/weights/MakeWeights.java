package dev.nnjit.tools.weights;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Rebuilds a bench model's external weights (models/bench/NAME/model.onnx.data) from its weights.json, bit for bit,
 * and checks every tensor and the whole file against the manifest's SHA-256 sums. JVM only.
 *
 * <p>Usage: {@code MakeWeights DIR...} where DIR holds weights.json; see models/bench/make-weights.sh.
 */
public final class MakeWeights {
    private static final int CHUNK = 1 << 20; // elements generated per write

    private MakeWeights() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: MakeWeights MODEL_DIR...   (each holding weights.json)");
            System.exit(2);
        }
        for (String a : args) {
            long t0 = System.nanoTime();
            Path out = regenerate(Path.of(a));
            System.out.printf("%s: %d bytes, sha256 verified (%.1f s)%n", out, Files.size(out), (System.nanoTime() - t0) / 1e9);
        }
    }

    /** Writes DIR/&lt;data_file&gt; (via a temporary file, replaced only when every checksum matches). */
    public static Path regenerate(Path dir) throws IOException {
        WeightManifest m = WeightManifest.read(dir.resolve("weights.json"));
        Path target = dir.resolve(m.dataFile());
        Path tmp = dir.resolve(m.dataFile() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            String fileSha = write(m, ch);
            if (!fileSha.equals(m.sha256())) {
                throw new IllegalStateException(target + ": regenerated file sha256 " + fileSha + " != manifest " + m.sha256());
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    /** Streams all tensors (zero gaps between them) into ch; checks each tensor's sum; returns the file's sha256. */
    static String write(WeightManifest m, FileChannel ch) throws IOException {
        MessageDigest file = sha256();
        ByteBuffer buf = ByteBuffer.allocate(CHUNK * 4).order(ByteOrder.LITTLE_ENDIAN);
        float[] vals = new float[CHUNK];
        long pos = 0;
        for (WeightManifest.Entry e : m.tensors()) {
            if (e.offset() > pos) {
                byte[] zeros = new byte[(int) (e.offset() - pos)];
                ch.write(ByteBuffer.wrap(zeros), pos);
                file.update(zeros);
                pos = e.offset();
            }
            MessageDigest tensor = sha256();
            long n = e.elements();
            for (long first = 0; first < n; first += CHUNK) {
                int count = (int) Math.min(CHUNK, n - first);
                WeightGenerator.uniform(e.rule().seed(), e.rule().stream(), (float) e.rule().scale(), first, vals, count);
                buf.clear();
                buf.asFloatBuffer().put(vals, 0, count);
                buf.limit(count * 4);
                tensor.update(buf.duplicate());
                file.update(buf.duplicate());
                while (buf.hasRemaining()) pos += ch.write(buf, pos);
            }
            String got = hex(tensor.digest());
            if (!got.equals(e.sha256())) {
                throw new IllegalStateException(m.model() + ": tensor '" + e.name() + "' (stream " + e.rule().stream()
                        + ", offset " + e.offset() + ") sha256 " + got + " != manifest " + e.sha256());
            }
        }
        return hex(file.digest());
    }

    /** SHA-256 (hex) of the first n elements of an entry's rule: lets tests check single tensors cheaply. */
    public static String tensorSha256(WeightManifest.Entry e) {
        if (e.elements() > Integer.MAX_VALUE / 4) throw new IllegalArgumentException("tensor '" + e.name() + "' too large for one array");
        float[] v = WeightGenerator.uniform(e.rule().seed(), e.rule().stream(), (float) e.rule().scale(), (int) e.elements());
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        MessageDigest d = sha256();
        d.update(b);
        return hex(d.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length * 2);
        for (byte x : b) sb.append(Character.forDigit((x >> 4) & 15, 16)).append(Character.forDigit(x & 15, 16));
        return sb.toString();
    }
}
