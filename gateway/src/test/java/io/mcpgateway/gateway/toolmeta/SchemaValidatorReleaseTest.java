package io.mcpgateway.gateway.toolmeta;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The gateway checks arguments with networknt's validator directly, a release the build manages, while the MCP SDK
 * checks with it too: the two must be the same release, or an SDK upgrade would run against a validator it was not
 * built for (Maven quietly takes the managed one).
 */
class SchemaValidatorReleaseTest {

    private static final String SDK_POM = "META-INF/maven/io.modelcontextprotocol.sdk/mcp-json-jackson3/pom.xml";
    private static final String VALIDATOR_PROPERTIES =
            "META-INF/maven/com.networknt/json-schema-validator/pom.properties";

    @Test
    void theValidatorOnTheClassPathIsTheReleaseTheMcpSdkWasBuiltWith() throws Exception {
        assertThat(loadedValidatorVersion()).as("networknt's json-schema-validator: the root pom manages"
                + " json-schema-validator.version; set it to the release the MCP SDK names")
                .isEqualTo(sdksValidatorVersion());
    }

    private static String sdksValidatorVersion() throws Exception {
        try (InputStream pom = resource(SDK_POM)) {
            NodeList dependencies = DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder().parse(pom)
                    .getElementsByTagName("dependency");
            for (int i = 0; i < dependencies.getLength(); i++) {
                Element dependency = (Element) dependencies.item(i);
                if (text(dependency, "groupId").equals("com.networknt")
                        && text(dependency, "artifactId").equals("json-schema-validator")) {
                    return text(dependency, "version");
                }
            }
        }
        throw new AssertionError("the MCP SDK's pom names no json-schema-validator: is the SDK still using it?");
    }

    private static String loadedValidatorVersion() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = resource(VALIDATOR_PROPERTIES)) {
            properties.load(in);
        }
        return properties.getProperty("version");
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().trim();
    }

    private static InputStream resource(String name) {
        InputStream in = SchemaValidatorReleaseTest.class.getClassLoader().getResourceAsStream(name);
        assertThat(in).as(name + " on the class path").isNotNull();
        return in;
    }
}
