package io.mcpgateway.app.diagnostics.logs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

import io.mcpgateway.app.StartupException;
import io.mcpgateway.app.VersionProvider;
import io.mcpgateway.app.diagnostics.ExitCode;
import io.mcpgateway.json.Json;
import io.mcpgateway.text.Plural;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import tools.jackson.databind.json.JsonMapper;

/** {@code analyze-logs}: what do the gateway's logs say happened? */
@Command(name = "analyze-logs", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Read the gateway's log lines, JSON (LOG_FORMAT=JSON) or text, and summarise them: requests by"
                + " status, latency percentiles, the slowest requests with their request ids, the busiest callers,"
                + " authentication failures by reason and source, validation errors, backend timeouts and"
                + " unavailability, rate-limit rejections, circuit breaker transitions, backend health changes,"
                + " tool definition changes, the identity provider's keys out of reach, the rate-limit store falling"
                + " back to local counting, configuration reloads and the most frequent warnings and errors.",
                "Other lines (start-up banners, stack traces) are counted and skipped. Text lines carry no date:"
                        + " --since keeps them all."},
        exitCodeListHeading = ExitCode.HELP_HEADING,
        exitCodeList = {"0:the log was read and summarised",
                "1:the file is missing, unreadable, empty, or holds no gateway log line", ExitCode.HELP_USAGE})
public final class AnalyzeLogsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The log file, or '-' for standard input.")
    String file;

    @Option(names = "--since", paramLabel = "TIME|SPAN",
            description = "Only lines logged from then on: a time (2026-11-23T22:00:00Z) or a span back from now"
                    + " (15m, 2h, 1d).")
    String since;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    private final Clock clock;
    private final InputStream stdin;

    public AnalyzeLogsCommand() {
        this(Clock.systemUTC(), System.in);
    }

    AnalyzeLogsCommand(Clock clock, InputStream stdin) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.stdin = Objects.requireNonNull(stdin, "stdin");
    }

    @Override
    public Integer call() {
        Instant from = since == null ? null : since();
        JsonMapper mapper = Json.newMapper();
        LogAnalysis analysis = new LogAnalysis(new LogLineParser(mapper), from);
        String source = file.equals("-") ? "standard input" : file;
        PrintWriter out = spec.commandLine().getOut();
        try (BufferedReader reader = open()) {
            BoundedLines.forEach(reader, BoundedLines.MAX_LINE_CHARS, analysis::accept);
        } catch (IOException | UncheckedIOException e) {
            throw failure(out, mapper, "cannot read " + source + ": " + reason(e));
        }
        if (analysis.lines() == 0) {
            throw failure(out, mapper, source + " is empty: no log lines to analyse");
        }
        if (analysis.parsed() == 0 && analysis.beforeSince() == 0) {
            throw failure(out, mapper, source + " holds " + Plural.of(analysis.lines(), "line")
                    + " but no gateway log line (JSON, or text as 22:48:42.123 INFO  [main] access - ...):"
                    + " analyse the gateway's own output, best with LOG_FORMAT=JSON");
        }
        LogReport report = new LogReport(source, analysis);
        if (json) {
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(report.toJson()));
            out.flush();
        } else {
            report.printText(out);
        }
        return ExitCode.OK;
    }

    /** The failure to stop with; with --json, also said as {@code {"error": ...}} on standard output, for scripts. */
    private StartupException failure(PrintWriter out, JsonMapper mapper, String message) {
        if (json) {
            out.println(mapper.writeValueAsString(Map.of("error", message)));
            out.flush();
        }
        return new StartupException(message);
    }

    private Instant since() {
        try {
            return new SinceOption(clock).parse(since);
        } catch (TypeConversionException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** Lines as UTF-8; a byte that is not UTF-8 becomes U+FFFD instead of ending the read (logs get mangled). */
    private BufferedReader open() throws IOException {
        InputStream in = file.equals("-") ? stdin : openFile(Path.of(file));
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)));
    }

    private static InputStream openFile(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            throw new IOException("it is a directory");
        }
        return Files.newInputStream(path);
    }

    private static String reason(Exception e) {
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        if (cause instanceof NoSuchFileException) {
            return "no such file";
        }
        if (cause instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (cause instanceof CharacterCodingException) {
            return "not text";
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
