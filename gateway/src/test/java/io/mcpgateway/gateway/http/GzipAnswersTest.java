package io.mcpgateway.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.mcpgateway.json.RawJson;

class GzipAnswersTest {

    private static final RawJson LARGE = RawJson.wrap(restaurants(2_000));
    private static final RawJson OTHER_LARGE = RawJson.wrap(restaurants(300));

    @ParameterizedTest
    @ValueSource(ints = {1, 6, 9})
    void anAnswerDecompressesToItsPiecesInOrder(int level) {
        GzipAnswers gzip = new GzipAnswers(level, 1 << 20);
        List<RawJson> pieces = pieces("{\"success\":true,\"data\":", LARGE, ",\"metadata\":{\"request_id\":\"r-1\"}}");

        assertThat(gunzip(gzip.gzip(pieces))).isEqualTo(joined(pieces));
    }

    @Test
    void largePiecesMayComeFirstLastOrSideBySide() {
        GzipAnswers gzip = new GzipAnswers(1, 1 << 20);
        List<RawJson> pieces = pieces(LARGE, OTHER_LARGE, ",", LARGE);

        assertThat(gunzip(gzip.gzip(pieces))).isEqualTo(joined(pieces));
        assertThat(gunzip(gzip.gzip(pieces("[", "1", "]")))).isEqualTo("[1]".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aCachedPieceAnswersAlikeEveryTimeAndSmallerThanItsJson() {
        GzipAnswers gzip = new GzipAnswers(1, 1 << 20);
        List<RawJson> first = pieces("{\"id\":1,\"result\":", LARGE, "}");
        List<RawJson> second = pieces("{\"id\":2,\"result\":", LARGE, "}");

        byte[] once = gzip.gzip(first).toByteArray();
        byte[] again = gzip.gzip(first).toByteArray();
        byte[] other = gzip.gzip(second).toByteArray();

        assertThat(again).isEqualTo(once);
        assertThat(gunzip(other)).isEqualTo(joined(second));
        assertThat(once.length).isLessThan(LARGE.length() / 3);
    }

    @Test
    void aBoundOfNothingStillAnswersCorrectly() {
        GzipAnswers gzip = new GzipAnswers(1, 0);
        List<RawJson> pieces = pieces("{\"data\":", LARGE, "}");

        assertThat(gunzip(gzip.gzip(pieces))).isEqualTo(joined(pieces));
        assertThat(gunzip(gzip.gzip(pieces))).isEqualTo(joined(pieces));
    }

    @Test
    void manyAnswersAtOnceEachDecompressToTheirOwn() throws Exception {
        GzipAnswers gzip = new GzipAnswers(1, 1 << 20);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 8; t++) {
            String id = "\"caller-" + t + "\"";
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    for (int i = 0; i < 20; i++) {
                        List<RawJson> pieces = pieces("{\"id\":" + id + ",\"r\":", i % 2 == 0 ? LARGE : OTHER_LARGE,
                                "}");
                        assertThat(gunzip(gzip.gzip(pieces))).isEqualTo(joined(pieces));
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(failures).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "gzip|true", "GZIP|true", "gzip, deflate, br|true", "br;q=1.0, gzip;q=0.5|true", "x-gzip|true", "*|true",
        " deflate , gzip ;q=0.1|true", "gzip;q=0|false", "gzip;q=0.0, *|false", "*, gzip;q=0|false", "*;q=0|false",
        "br|false", "identity|false", "deflate, br, zstd|false", "gzip;q=high|false", "''|false", "gzipx|false"})
    void acceptEncodingDecidesWhetherGzipIsAllowed(String acceptEncoding, boolean allowed) {
        assertThat(GzipAnswers.acceptsGzip(acceptEncoding)).isEqualTo(allowed);
    }

    @Test
    void smallAnswersAnswersWithoutAnAcceptedGzipAndLevelZeroAreNotCompressed() {
        GzipAnswers gzip = new GzipAnswers(1, 1 << 20);

        assertThat(gzip.compresses(GzipAnswers.MIN_BYTES, "gzip")).isTrue();
        assertThat(gzip.compresses(GzipAnswers.MIN_BYTES - 1, "gzip")).isFalse();
        assertThat(gzip.compresses(100_000, null)).isFalse();
        assertThat(gzip.compresses(100_000, "br")).isFalse();
        assertThat(new GzipAnswers(0, 1 << 20).compresses(100_000, "gzip")).isFalse();
        assertThatThrownBy(() -> new GzipAnswers(10, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<RawJson> pieces(Object... parts) {
        List<RawJson> pieces = new ArrayList<>();
        for (Object part : parts) {
            pieces.add(part instanceof RawJson raw ? raw
                    : RawJson.wrap(part.toString().getBytes(StandardCharsets.UTF_8)));
        }
        return pieces;
    }

    private static byte[] joined(List<RawJson> pieces) {
        byte[] all = new byte[pieces.stream().mapToInt(RawJson::length).sum()];
        int at = 0;
        for (RawJson piece : pieces) {
            at = piece.copyTo(all, at);
        }
        return all;
    }

    private static byte[] gunzip(GzipAnswers.Compressed compressed) {
        return gunzip(compressed.toByteArray());
    }

    private static byte[] gunzip(byte[] gzipped) {
        // GZIPInputStream checks the CRC-32 and the size in the trailer, and reads one member only when it is alone
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON array like a search result, varied enough not to compress to nothing. */
    private static byte[] restaurants(int count) {
        Random random = new Random(count);
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            json.append(i == 0 ? "" : ",").append("{\"id\":\"r").append(random.nextInt(1_000_000))
                    .append("\",\"name\":\"Restaurant ").append(Long.toString(random.nextLong(), 36))
                    .append("\",\"sentiment\":{\"likes\":").append(random.nextInt(500)).append("}}");
        }
        return json.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }
}
