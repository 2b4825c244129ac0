package io.mcpgateway.app;

import java.nio.file.Path;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code --config} option of the MCP servers and the development issuer: their section of the gateway's file. */
final class ServerConfigFile {

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--config", description = "YAML configuration file (optional): this command's section of it"
            + " (search_server, reasoning_server or dev_idp, as in config/gateway.yaml), whose keys are the long"
            + " options in snake case; the command line and the environment win over it.")
    Path file;

    /** Applies the file's {@code section}, when a file was given; before the command reads any option. */
    void apply(String section) {
        if (file != null) {
            ConfigFileOptions.apply(command, file, section, System.getenv());
        }
    }
}
