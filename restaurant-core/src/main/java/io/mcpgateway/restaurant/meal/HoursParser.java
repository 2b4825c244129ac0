package io.mcpgateway.restaurant.meal;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads opening ranges out of an hours string such as {@code "11:30 - 15:30, 18:00 - 22:00"}.
 *
 * <p>Every {@code H:MM - H:MM} in the string counts, not just the first (REFERENCE-SPEC §7.10 fixed). {@code 24:00}
 * means midnight. A range that ends before it starts runs past midnight and is split in two; a range whose start
 * equals its end ({@code "00:00 - 24:00"}, {@code "10:00 - 10:00"}) is open all day. Text that is not a time range
 * ({@code "Closed"}) contributes nothing. Full-width forms, as CJK keyboards type them, are read as their ASCII ones
 * ({@code "０７：００ － １０：００"}), and {@code "to"} separates a range as a dash does.
 */
final class HoursParser {

    private static final Pattern RANGE = Pattern.compile(
            "(\\d{1,2}):(\\d{2})\\s*(?:[-–—~]|to)\\s*(\\d{1,2}):(\\d{2})", Pattern.CASE_INSENSITIVE);
    private static final Pattern ANY_DIGIT = Pattern.compile("\\d");
    private static final int DAY = OpeningRange.MINUTES_PER_DAY;

    private HoursParser() {
    }

    static List<OpeningRange> parse(String hours) {
        List<OpeningRange> ranges = new ArrayList<>(2);
        if (hours == null) {
            return ranges;
        }
        Matcher m = RANGE.matcher(asciiForms(hours));
        while (m.find()) {
            int start = minuteOfDay(m.group(1), m.group(2));
            int end = minuteOfDay(m.group(3), m.group(4));
            if (start < 0 || end < 0) {
                continue;
            }
            if (start == DAY) {
                start = 0; // "24:00" as an opening time is midnight
            }
            if (end == 0) {
                end = DAY; // "00:00" as a closing time is the end of the day
            }
            if (start == end) {
                ranges.add(new OpeningRange(0, DAY));
            } else if (start < end) {
                ranges.add(new OpeningRange(start, end));
            } else {
                ranges.add(new OpeningRange(start, DAY));
                ranges.add(new OpeningRange(0, end));
            }
        }
        return ranges;
    }

    /**
     * Whether {@code hours} looks like opening hours (it has digits) but holds no range this parser reads: {@code "7am
     * - 10am"}, {@code "25:00 - 26:00"}. A restaurant with only such hours counts for no meal period.
     */
    static boolean isUnreadable(String hours) {
        return hours != null && ANY_DIGIT.matcher(asciiForms(hours)).find() && parse(hours).isEmpty();
    }

    private static String asciiForms(String hours) {
        for (int i = 0; i < hours.length(); i++) {
            if (hours.charAt(i) > 0x7f) {
                return Normalizer.normalize(hours, Normalizer.Form.NFKC);
            }
        }
        return hours; // the usual case: nothing to fold
    }

    /** Minutes since midnight, 1440 for {@code 24:00}, or -1 for an impossible time. */
    private static int minuteOfDay(String hour, String minute) {
        int h = Integer.parseInt(hour);
        int m = Integer.parseInt(minute);
        if (m > 59 || h > 24 || h == 24 && m != 0) {
            return -1;
        }
        return h * 60 + m;
    }
}
