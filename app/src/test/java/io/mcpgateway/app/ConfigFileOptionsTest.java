package io.mcpgateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.mcpgateway.gateway.config.ConfigException;
import io.mcpgateway.gateway.config.ConfigLoader;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

class ConfigFileOptionsTest {

    private static final Path SHIPPED = Path.of("../config/gateway.yaml");

    @TempDir
    Path dir;

    private static Supplier<Callable<Integer>> command(String section) {
        return switch (section) {
            case "search_server" -> SearchServerCommand::new;
            case "reasoning_server" -> ReasoningServerCommand::new;
            case "dev_idp" -> DevIdpCommand::new;
            default -> throw new IllegalArgumentException(section);
        };
    }

    /** Every settable option's value once parsed from {@code args}, with the file's section under them if given. */
    private static Map<String, Object> parsed(String section, Path file, Map<String, String> environment,
            String... args) {
        CommandLine commandLine = new CommandLine(command(section).get());
        if (file != null) {
            commandLine.setDefaultValueProvider(ConfigFileOptions.read(commandLine.getCommandSpec(),
                    ConfigLoader.readYaml(file), section, environment));
        }
        commandLine.parseArgs(args);
        Map<String, Object> values = new LinkedHashMap<>();
        for (OptionSpec option : ConfigFileOptions.settable(commandLine.getCommandSpec())) {
            values.put(ConfigFileOptions.keyOf(option), option.getValue());
        }
        return values;
    }

    private Path file(String yaml) throws IOException {
        return Files.writeString(dir.resolve("config.yaml"), yaml);
    }

    @ParameterizedTest
    @CsvSource({"search_server", "reasoning_server", "dev_idp"})
    void theShippedFileNamesEverySettingAndSetsItsDefault(String section) throws IOException {
        String text = Files.readString(SHIPPED);
        String block = text.substring(text.indexOf("\n" + section + ":"));
        block = block.substring(0, block.indexOf("\n\n") > 0 ? block.indexOf("\n\n") : block.length());

        assertThat(parsed(section, SHIPPED, System.getenv())).isEqualTo(parsed(section, null, System.getenv()));
        for (String key : parsed(section, null, System.getenv()).keySet()) {
            assertThat(block).as("%s names %s", section, key).contains(key);
        }
    }

    @Test
    void theCommandLineWinsOverTheEnvironmentWhichWinsOverTheFile() throws IOException {
        Path config = file("search_server: {port: 1234, max_page_size: 77, allowed_hosts: [a.example, b.example]}");

        Map<String, Object> fromFile = parsed("search_server", config, Map.of());
        Map<String, Object> typed = parsed("search_server", config, Map.of(), "--port", "2345");
        Map<String, Object> withVariable = parsed("search_server", config, Map.of("MAX_PAGE_SIZE", "88"));

        assertThat(fromFile).containsEntry("port", 1234).containsEntry("max_page_size", 77)
                .containsEntry("allowed_hosts", List.of("a.example", "b.example"));
        assertThat(typed).containsEntry("port", 2345).containsEntry("max_page_size", 77);
        // the option's default reads the variable, as without a file: the file gives way (an empty one is none)
        assertThat(withVariable.get("max_page_size")).isEqualTo(parsed("search_server", null, Map.of())
                .get("max_page_size"));
        assertThat(parsed("search_server", config, Map.of("MAX_PAGE_SIZE", ""))).containsEntry("max_page_size", 77);
    }

    @Test
    void aCommandGivenAFileReadsItUnderItsOwnArgumentsWhereverTheyStand() throws IOException {
        Path config = file("search_server: {port: 1234, max_page_size: 77}");
        Path argumentFile = Files.writeString(dir.resolve("args.txt"), "search-server --config " + config
                + " --port 2345");
        for (String[] args : List.of(new String[] {"search-server", "--config", config.toString(), "--port", "2345"},
                new String[] {"search-server", "--port=2345", "--config=" + config},
                new String[] {"@" + argumentFile})) {
            CommandLine root = Main.commandLine();
            root.parseArgs(args);
            CommandLine searchServer = root.getSubcommands().get("search-server");

            ConfigFileOptions.apply(searchServer.getCommandSpec(), config, "search_server", Map.of());

            SearchServerCommand command = searchServer.getCommand();
            assertThat(command.port).as(String.join(" ", args)).isEqualTo(2345);
            assertThat(command.data.maxPageSize).as(String.join(" ", args)).isEqualTo(77);
        }
    }

    @Test
    void aFileWithoutTheSectionChangesNothing() throws IOException {
        Path config = file("server: {port: 9999}\n");

        assertThat(parsed("reasoning_server", config, Map.of())).isEqualTo(parsed("reasoning_server", null, Map.of()));
    }

    @Test
    void wrongSectionsAreRefusedNamingTheSetting() throws IOException {
        assertThatThrownBy(() -> parsed("search_server", file("search_server: {prot: 1, data_dri: x}"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("unknown settings 'search_server.prot' (did you mean 'search_server.port'?),"
                        + " 'search_server.data_dri' (did you mean 'search_server.data_dir'?); the settings of"
                        + " search-server are port, host,");
        assertThatThrownBy(() -> parsed("dev_idp", file("dev_idp: 9000"), Map.of()))
                .hasMessage("dev_idp must be a mapping of settings");
        assertThatThrownBy(() -> parsed("dev_idp", file("dev_idp: {port: {a: 1}}"), Map.of()))
                .hasMessage("dev_idp.port must be a value or a list of values");
    }

    @Test
    void aValueTheCommandCannotTakeStopsItNamingTheSettingAndTheFile() throws IOException {
        Path config = file("reasoning_server: {port: eighty}");
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setErr(new PrintWriter(err, true));

        int code = commandLine.execute("reasoning-server", "--config", config.toString());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("error: reasoning_server.port (" + config
                + "): 'eighty' is not a port number (0 to 65535)");
    }
}
