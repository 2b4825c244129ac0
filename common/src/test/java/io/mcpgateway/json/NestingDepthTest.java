package io.mcpgateway.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class NestingDepthTest {

    @Test
    void countsContainersAsTheParserDoes() {
        Object three = Map.of("a", List.of(1, Map.of("b", "c")), "d", 2); // {"a":[1,{"b":"c"}],"d":2}

        assertThat(NestingDepth.exceeds(three, 3)).isFalse();
        assertThat(NestingDepth.exceeds(three, 2)).isTrue();
        assertThat(NestingDepth.exceeds(Map.of(), 1)).isFalse();
        assertThat(NestingDepth.exceeds(Map.of(), 0)).isTrue();
        assertThat(NestingDepth.exceeds("text", 0)).isFalse();
    }

    @Test
    void theDeepestBranchCountsWhereverItIs() {
        Object deepLast = List.of(List.of(), List.of(), List.of(List.of(List.of()))); // [[],[],[[[]]]]

        assertThat(NestingDepth.exceeds(deepLast, 4)).isFalse();
        assertThat(NestingDepth.exceeds(deepLast, 3)).isTrue();
    }
}
