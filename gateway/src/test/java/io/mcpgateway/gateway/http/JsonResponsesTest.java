package io.mcpgateway.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.junit.jupiter.api.Test;

import io.mcpgateway.json.Json;
import io.mcpgateway.json.RawJson;
import tools.jackson.databind.json.JsonMapper;

class JsonResponsesTest {

    private static final JsonMapper MAPPER = Json.newMapper();

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void anObjectWithPassedThroughJsonIsWrittenAsJacksonWouldWriteIt() {
        String data = "{\"restaurants\":[{\"name\":\"Caf\u00e9 \\\"1\\\"\",\"tags\":[\"a\",\"b\"]}],\"count\":1}";
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("data", RawJson.value(data.getBytes(StandardCharsets.UTF_8)));
        body.put("na\"me \u4e2d\t\u0001\\", null);
        body.put("metadata", Map.of("request_id", "r-1", "took", 1.5, "list", List.of(1, 2)));

        byte[] joined = JsonResponses.join(body, MAPPER);

        assertThat(text(joined)).isEqualTo(text(MAPPER.writeValueAsBytes(body)));
        assertThat(MAPPER.readTree(joined).path("data")).isEqualTo(MAPPER.readTree(data));
    }

    @Test
    void anEmptyObjectAndASingleMemberAreWellFormed() {
        assertThat(text(JsonResponses.join(Map.of(), MAPPER))).isEqualTo("{}");
        assertThat(text(JsonResponses.join(Map.of("raw", RawJson.value("[1]".getBytes(StandardCharsets.UTF_8))),
                MAPPER))).isEqualTo("{\"raw\":[1]}");
    }

    /** Shared by a test's writes, so a reused buffer's old bytes would show; it reports buffers not given back. */
    private final ArrayByteBufferPool.Tracking pool = new ArrayByteBufferPool.Tracking();

    @Test
    void chunksEndingExactlyAtPieceBoundariesAndEmptyPiecesAreWrittenWhole() throws Exception {
        List<RawJson> pieces = List.of(RawJson.wrap(new byte[0]), RawJson.wrap(utf8("[\"ab\",")),
                RawJson.wrap(new byte[0]), RawJson.wrap(utf8("\"cdef\",")), RawJson.wrap(utf8("1]")),
                RawJson.wrap(new byte[0]));
        for (int chunk = 1; chunk <= 16; chunk++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            JsonResponses.writeInChunks(out, pieces, 15, chunk, pool);
            assertThat(text(out.toByteArray())).as("chunk %d", chunk).isEqualTo("[\"ab\",\"cdef\",1]");
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anAnswerLargerThanAChunkIsWrittenInChunksOfThatSizeSayingTheSameAsTheJoinedOne() throws Exception {
        Random random = new Random(7);
        for (int round = 0; round < 300; round++) {
            Map<String, Object> body = new LinkedHashMap<>();
            int members = 1 + random.nextInt(4);
            for (int m = 0; m < members; m++) {
                String data = "[" + "\"x\",".repeat(random.nextInt(3_000)) + "0]";
                body.put("m" + m, random.nextBoolean() ? RawJson.value(data.getBytes(StandardCharsets.UTF_8))
                        : Map.of("n", m, "s", "é".repeat(random.nextInt(40))));
            }
            byte[] joined = JsonResponses.join(body, MAPPER);
            int chunk = 1 + random.nextInt(4_096);
            List<Integer> writes = new ArrayList<>();
            ByteArrayOutputStream out = new ByteArrayOutputStream() {
                @Override
                public synchronized void write(byte[] b, int off, int len) {
                    writes.add(len);
                    super.write(b, off, len);
                }
            };

            JsonResponses.writeInChunks(out, JsonResponses.pieces(body, MAPPER), joined.length, chunk, pool);

            assertThat(out.toByteArray()).as("round %d", round).isEqualTo(joined);
            int expected = joined.length <= chunk ? 1 : (joined.length + chunk - 1) / chunk;
            assertThat(writes).as("round %d", round).hasSize(expected);
            assertThat(writes.subList(0, writes.size() - 1)).allMatch(size -> size == chunk);
        }
        assertThat(pool.getLeaks()).as("gathering buffers not given back").isEmpty();
    }

    @Test
    void aGatheringBufferThatStartsInsideItsArrayIsFilledFromItsStart() throws Exception {
        ByteBufferPool offset = new ByteBufferPool() {
            @Override
            public RetainableByteBuffer.Mutable acquire(int size, boolean direct) {
                byte[] junk = new byte[size + 14];
                Arrays.fill(junk, (byte) '#');
                return RetainableByteBuffer.wrap(ByteBuffer.wrap(junk, 7, size).slice());
            }

            @Override
            public void clear() {
            }
        };
        List<RawJson> pieces = List.of(RawJson.wrap(utf8("[\"ab\",")), RawJson.wrap(utf8("\"cdef\",")),
                RawJson.wrap(utf8("1]")));
        for (int chunk = 1; chunk < 15; chunk++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            JsonResponses.writeInChunks(out, pieces, 15, chunk, offset);
            assertThat(text(out.toByteArray())).as("chunk %d", chunk).isEqualTo("[\"ab\",\"cdef\",1]");
        }
    }

    @Test
    void theGatheringBufferIsGivenBackWhenTheClientHasGone() {
        List<RawJson> pieces = List.of(RawJson.wrap(utf8("[\"ab\",")), RawJson.wrap(utf8("\"cdef\",")),
                RawJson.wrap(utf8("1]")));
        OutputStream gone = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("connection reset");
            }
        };

        assertThatThrownBy(() -> JsonResponses.writeInChunks(gone, pieces, 15, 4, pool)).hasMessage("connection reset");
        assertThat(pool.getLeaks()).isEmpty();
    }
}
