package io.mcpgateway.restaurant;

import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Opening hours as the data set states them: a list of {@code "HH:MM - HH:MM"} strings per day type. */
public record OperatingHours(
        @JsonProperty("mon_fri") List<String> monFri,
        @JsonProperty("sat_sun") List<String> satSun,
        @JsonProperty("public_holiday") List<String> publicHoliday) {

    public static final OperatingHours UNKNOWN = new OperatingHours(List.of(), List.of(), List.of());

    public OperatingHours {
        monFri = monFri == null ? List.of() : List.copyOf(monFri);
        satSun = satSun == null ? List.of() : List.copyOf(satSun);
        publicHoliday = publicHoliday == null ? List.of() : List.copyOf(publicHoliday);
    }

    /** Every hours string of every day type. */
    public Stream<String> allRanges() {
        return Stream.of(monFri, satSun, publicHoliday).flatMap(List::stream);
    }
}
