package io.mcpgateway.app.diagnostics.logs;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

import io.mcpgateway.app.diagnostics.DurationConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The start of the period to analyse: a moment ({@code 2026-11-23T22:00:00Z}, an offset, or a UTC local time
 * {@code 2026-11-23T22:00}) or a span back from now ({@code 15m}, {@code 2h}, {@code PT30M}).
 */
final class SinceOption {

    private final Clock clock;

    SinceOption(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    Instant parse(String value) {
        String text = value.strip();
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            // not an instant: an offset date-time, a local date-time or a duration
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            // next form
        }
        try {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // next form
        }
        Instant since;
        try {
            // Whole seconds: the moment is printed in the report, and sub-second precision says nothing there.
            since = clock.instant().minus(DurationConverter.parse(text)).truncatedTo(ChronoUnit.SECONDS);
        } catch (TypeConversionException | DateTimeException | ArithmeticException e) {
            throw new TypeConversionException("--since '" + value + "' is neither a time (2026-11-23T22:00:00Z) nor"
                    + " a span back from now (15m, 2h, 1d)");
        }
        if (since.isBefore(Instant.EPOCH)) {
            throw new TypeConversionException("--since '" + value + "' reaches back before 1970: no log is that old");
        }
        return since;
    }
}
