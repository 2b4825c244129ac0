package io.mcpgateway.gateway.toolmeta;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.mcpgateway.json.Json;
import tools.jackson.databind.json.JsonMapper;

/** Tool names a backend lists: those that could break a log line or pass for another name are left out. */
class ToolListingTest {

    private final JsonMapper mapper = Json.newMapper();

    @Test
    void namesWithUnicodeLineEndsFormatOrSeparatorCharactersAreLeftOutAndSaidOnOneLine() {
        ToolListing listing = new ToolListing("alpha", mapper);
        listing.add(mapper.readTree("""
                {"tools": [{"name": "lookup"}, {"name": "line\\u2028end"}, {"name": "next\\u0085line"},
                           {"name": "exe\\u202Etxt"}, {"name": "no\\u00A0break"}, {"name": "tab\\tbed"}]}"""));

        ToolListing.Read read = listing.read();

        assertThat(read.tools()).extracting(BackendTool::name).containsExactly("lookup");
        assertThat(read.leftOut()).hasSize(5).allSatisfy(problem -> assertThat(problem)
                .doesNotContain("\u2028", "\u0085", "\u202E", "\t"));
    }

    @Test
    void aToolThatCanOnlyBeCalledAsATaskIsLeftOutSayingWhy() {
        ToolListing listing = new ToolListing("alpha", mapper);
        listing.add(mapper.readTree("""
                {"tools": [{"name": "research", "execution": {"taskSupport": "required"}},
                           {"name": "either", "execution": {"taskSupport": "optional"}}, {"name": "plain"}]}"""));

        ToolListing.Read read = listing.read();

        assertThat(read.tools()).extracting(BackendTool::name).containsExactly("either", "plain");
        assertThat(read.leftOut()).containsExactly("'research': it can only be called as a task"
                + " (execution.taskSupport 'required'), which the gateway does not support");
    }
}
