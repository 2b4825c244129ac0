package io.mcpgateway.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.mcpgateway.gateway.config.ConfigException;
import io.mcpgateway.gateway.config.ConfigLoader;
import io.mcpgateway.text.EditDistance;
import picocli.CommandLine;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import tools.jackson.databind.JsonNode;

/**
 * A server command's settings from its section of the configuration file, the one the gateway reads
 * ({@code --config FILE}): {@code search_server}, {@code reasoning_server} or {@code dev_idp}, whose keys are the
 * command's long options in snake case ({@code --data-dir} is {@code data_dir}, {@code --allowed-host} a list named
 * {@code allowed_hosts}). The command line wins over the environment, the environment over the file, and the file
 * over the option's own default.
 */
final class ConfigFileOptions implements IDefaultValueProvider {

    private static final Pattern PICOCLI_PREFIX = Pattern.compile("^Invalid value for option '[^']*': ");

    private final Map<String, String> values;
    private final Map<String, String> environment;

    private ConfigFileOptions(Map<String, String> values, Map<String, String> environment) {
        this.values = values;
        this.environment = environment;
    }

    /**
     * Reads the command's arguments again, with the file's section under them: called by a command given
     * {@code --config}, once picocli has read the command line and the environment.
     *
     * @throws StartupException naming the setting, for a section or a value the command cannot take
     */
    static void apply(CommandSpec command, Path file, String section, Map<String, String> environment) {
        ConfigFileOptions defaults;
        try {
            defaults = read(command, ConfigLoader.readYaml(file), section, environment);
        } catch (ConfigException e) {
            throw new StartupException(e.getMessage());
        }
        CommandLine commandLine = command.commandLine();
        // as read, @-files expanded (the command's name may be in one), and not expanded a second time
        List<String> args = commandLine.getParseResult().expandedArgs();
        commandLine.setDefaultValueProvider(defaults);
        commandLine.setExpandAtFiles(false);
        try {
            // the command's own arguments: those after its name (the root command takes no value before it)
            commandLine.parseArgs(args.subList(args.indexOf(command.name()) + 1, args.size()).toArray(String[]::new));
        } catch (ParameterException e) {
            // the command line and the environment passed the first reading: the value is the file's
            String key = e.getArgSpec() instanceof OptionSpec option ? keyOf(option) : "?";
            // picocli repeats the value, which for a URL may hold a password
            throw new StartupException(section + "." + key + " (" + file + "): " + EnvironmentValueErrors
                    .withoutSecrets(PICOCLI_PREFIX.matcher(String.valueOf(e.getMessage())).replaceFirst("")));
        }
    }

    /** The section's values by key, refusing a key that is no option of the command's. */
    static ConfigFileOptions read(CommandSpec command, JsonNode root, String section,
            Map<String, String> environment) {
        JsonNode node = root == null ? null : root.get(section);
        Map<String, String> values = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return new ConfigFileOptions(values, environment);
        }
        if (!node.isObject()) {
            throw new ConfigException(section + " must be a mapping of settings");
        }
        Map<String, OptionSpec> options = new LinkedHashMap<>();
        settable(command).forEach(option -> options.put(keyOf(option), option));
        List<String> unknown = new ArrayList<>();
        for (String key : node.propertyNames()) {
            if (!options.containsKey(key)) {
                unknown.add("'" + section + "." + key + "'" + EditDistance.closest(key, options.keySet(), 3)
                        .map(closest -> " (did you mean '" + section + "." + closest + "'?)").orElse(""));
                continue;
            }
            String value = text(node.get(key), section + "." + key);
            if (value != null) {
                values.put(key, value);
            }
        }
        if (!unknown.isEmpty()) {
            throw new ConfigException("unknown setting" + (unknown.size() == 1 ? " " : "s ")
                    + String.join(", ", unknown) + "; the settings of " + command.name() + " are "
                    + String.join(", ", options.keySet()));
        }
        return new ConfigFileOptions(values, environment);
    }

    /** The options a file can set: all but {@code --help}, {@code --version} and {@code --config}. */
    static List<OptionSpec> settable(CommandSpec command) {
        return command.options().stream()
                .filter(o -> !o.usageHelp() && !o.versionHelp() && !o.longestName().equals("--config"))
                .toList();
    }

    /** {@code --data-dir} is {@code data_dir}; an option given many times is named in the plural. */
    static String keyOf(OptionSpec option) {
        String key = option.longestName().replaceFirst("^-+", "").replace('-', '_');
        return option.isMultiValue() ? key + "s" : key;
    }

    /** A scalar as written, a list as the comma-separated values its option splits; null for an empty value. */
    private static String text(JsonNode value, String setting) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            for (JsonNode item : value) {
                if (!item.isValueNode() || item.isNull()) {
                    throw new ConfigException(setting + " must be a list of values");
                }
                items.add(item.asString());
            }
            return String.join(",", items);
        }
        if (!value.isValueNode()) {
            throw new ConfigException(setting + " must be a value or a list of values");
        }
        return value.asString();
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option)) {
            return null;
        }
        String value = values.get(keyOf(option));
        if (value == null) {
            return null;
        }
        // a variable set for the option wins over the file (its default reads it); an empty one is none, as the
        // options take it (DATA_DIR=), and must not put a file's data_dir aside for the bundled demo data
        String variable = EnvironmentValueErrors.variableOf(option);
        String set = variable == null ? null : environment.get(variable);
        return set != null && !set.isBlank() ? null : value;
    }
}
