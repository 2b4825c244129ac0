package io.mcpgateway.gateway.http;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.mcpgateway.json.RawJson;

/**
 * Gzip answers made of JSON pieces, for clients that send {@code Accept-Encoding: gzip} (Node's fetch does, so most
 * TypeScript MCP clients).
 *
 * <p>Compressing a 68-144 KB tool answer costs more CPU than everything else the gateway does for it, and through
 * Javalin's compressing stream the same backend answer was compressed again for every request the response cache
 * answered. Here a large piece (the backend's JSON passed through) is compressed on its own into DEFLATE blocks that
 * end on a sync flush, which a decoder reads as part of the one stream around it, and kept while that piece is alive
 * (weakly, and within a byte bound): an answer from the response cache is compressed once, and each request compresses
 * only the small pieces around it (the envelope, the metadata) and computes the checksum.
 */
public final class GzipAnswers {

    /** Answers smaller than this go out uncompressed, as Javalin's compression does. */
    static final int MIN_BYTES = 1500;
    /** Pieces from this size on are compressed alone and kept; smaller ones with their neighbours. */
    static final int KEPT_PIECE_BYTES = 8 * 1024;

    private static final byte[] HEADER = {0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, (byte) 0xff};
    private static final int POOLED_DEFLATERS = 8;

    private final int level;
    private final Cache<RawJson, byte[]> compressedPieces;
    /** Deflaters hold native memory that is slow to set up: a few are kept and reused. */
    private final BlockingQueue<Deflater> deflaters = new ArrayBlockingQueue<>(POOLED_DEFLATERS);

    /**
     * @param level 1 (fastest) to 9 (smallest); 0 compresses nothing
     * @param maxKeptBytes the most compressed bytes of large pieces kept at once
     */
    public GzipAnswers(int level, long maxKeptBytes) {
        if (level < 0 || level > 9) {
            throw new IllegalArgumentException("gzip level must be 0 to 9, not " + level);
        }
        this.level = level;
        this.compressedPieces = Caffeine.newBuilder()
                .weakKeys() // by identity, and gone with the answer it belongs to
                .maximumWeight(Math.max(0, maxKeptBytes))
                .weigher((RawJson piece, byte[] compressed) -> compressed.length)
                .executor(Runnable::run) // upkeep on the request's thread, not the common pool
                .build();
    }

    /** Whether an answer of {@code size} bytes goes out gzipped to a client whose {@code Accept-Encoding} is this. */
    public boolean compresses(int size, String acceptEncoding) {
        return level > 0 && size >= MIN_BYTES && acceptsGzip(acceptEncoding);
    }

    /**
     * Whether {@code Accept-Encoding} allows gzip (RFC 9110, section 12.5.3): named with a quality above 0, or not
     * named and {@code *} allowed.
     */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        Boolean any = null;
        for (String element : acceptEncoding.split(",")) {
            String[] parts = element.split(";");
            String coding = parts[0].trim().toLowerCase(Locale.ROOT);
            boolean allowed = quality(parts) > 0;
            if (coding.equals("gzip") || coding.equals("x-gzip")) {
                return allowed;
            }
            if (coding.equals("*")) {
                any = allowed;
            }
        }
        return Boolean.TRUE.equals(any);
    }

    private static double quality(String[] parameters) {
        for (int i = 1; i < parameters.length; i++) {
            String parameter = parameters[i].trim();
            if (parameter.length() > 2 && parameter.substring(0, 2).equalsIgnoreCase("q=")) {
                try {
                    return Double.parseDouble(parameter.substring(2).trim());
                } catch (NumberFormatException e) {
                    return 0; // an unreadable weight allows nothing
                }
            }
        }
        return 1;
    }

    /** The gzip member (RFC 1952) of the JSON that {@code pieces} make one after the other. */
    public Compressed gzip(List<RawJson> pieces) {
        Output out = new Output(4096);
        out.write(HEADER, 0, HEADER.length);
        CRC32 checksum = new CRC32();
        long size = 0;
        Deflater deflater = borrow();
        try {
            Output pending = new Output(256);
            for (RawJson piece : pieces) {
                piece.updateChecksum(checksum);
                size += piece.length();
                if (piece.length() < KEPT_PIECE_BYTES) {
                    pending.size = piece.copyTo(pending.room(piece.length()), pending.size);
                    continue;
                }
                // what came before, flushed to a byte boundary; then the piece's own blocks, which refer to nothing
                // before them, so the deflater starts afresh after them
                deflater.setInput(pending.bytes, 0, pending.size);
                flush(deflater, out);
                deflater.reset();
                pending.size = 0;
                byte[] compressed = compressedPieces.get(piece, this::compressAlone);
                out.write(compressed, 0, compressed.length);
            }
            deflater.setInput(pending.bytes, 0, pending.size);
            finish(deflater, out);
        } finally {
            giveBack(deflater);
        }
        writeIntLittleEndian(out, (int) checksum.getValue());
        writeIntLittleEndian(out, (int) size); // ISIZE: the size modulo 2^32
        return new Compressed(out.bytes, out.size);
    }

    /** Compressed bytes: the first {@code length} of {@code bytes}. */
    public record Compressed(byte[] bytes, int length) {
        public byte[] toByteArray() {
            return Arrays.copyOf(bytes, length);
        }
    }

    /** A piece's DEFLATE blocks, not final, ending on a byte boundary. */
    private byte[] compressAlone(RawJson piece) {
        Deflater deflater = borrow();
        try {
            piece.setAsInputOf(deflater);
            Output out = new Output(piece.length() / 4 + 64);
            flush(deflater, out);
            return out.toByteArray();
        } finally {
            giveBack(deflater);
        }
    }

    /** Compresses the deflater's input into {@code out}, ending on a byte boundary with a block that is not final. */
    private static void flush(Deflater deflater, Output out) {
        int space;
        int written;
        do { // a sync flush is complete when it leaves room in the output (Deflater#deflate)
            out.room(1024);
            space = out.bytes.length - out.size;
            written = deflater.deflate(out.bytes, out.size, space, Deflater.SYNC_FLUSH);
            out.size += written;
        } while (written == space);
    }

    /** Compresses the deflater's input into {@code out}, ending with the final block. */
    private static void finish(Deflater deflater, Output out) {
        deflater.finish();
        while (!deflater.finished()) {
            out.room(1024);
            out.size += deflater.deflate(out.bytes, out.size, out.bytes.length - out.size);
        }
    }

    private Deflater borrow() {
        Deflater deflater = deflaters.poll();
        return deflater != null ? deflater : new Deflater(level, true);
    }

    private void giveBack(Deflater deflater) {
        deflater.reset();
        if (!deflaters.offer(deflater)) {
            deflater.end();
        }
    }

    private static void writeIntLittleEndian(Output out, int value) {
        byte[] bytes = out.room(4);
        for (int i = 0; i < 4; i++) {
            bytes[out.size++] = (byte) (value >>> (8 * i));
        }
    }

    /** A growing byte array; unsynchronised, unlike ByteArrayOutputStream. */
    private static final class Output {
        byte[] bytes;
        int size;

        Output(int capacity) {
            bytes = new byte[capacity];
        }

        /** The array, with room for {@code more} bytes after {@code size}. */
        byte[] room(int more) {
            if (bytes.length - size < more) {
                bytes = Arrays.copyOf(bytes, Math.max(size + more, bytes.length * 2));
            }
            return bytes;
        }

        void write(byte[] source, int from, int length) {
            System.arraycopy(source, from, room(length), size, length);
            size += length;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, size);
        }
    }
}
