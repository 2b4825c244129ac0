package io.mcpgateway.gateway.toolmeta;

import java.util.regex.Pattern;

import com.networknt.schema.SchemaContext;
import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;
import com.networknt.schema.regex.RegularExpressions;

/**
 * The JSON Schema {@code pattern} (and {@code patternProperties}, {@code propertyNames}) matching of tools' input
 * schemas, as networknt's JDK one does it, but with a bound on the work a match may take. A tool's schema comes from
 * its backend and its arguments from any caller: a pattern that backtracks without end on some input (JDK regular
 * expressions are backtracking ones: {@code ^(.*a){12}$} takes seconds on 31 characters, {@code (\d+)*\1x} longer) let
 * one caller hold a CPU of the gateway per request, and with virtual threads, which a busy CPU does not give up, stall
 * every other request with it. Each match may read the text at most {@link #MAX_READS_PER_CHAR} times per character
 * (and {@link #MIN_READS} at least), far more than a pattern that does not backtrack needs; past that it stops with
 * {@link TooCostly}, which the validator answers as a refusal of the argument.
 */
final class BudgetedPatterns implements RegularExpressionFactory {

    static final long MAX_READS_PER_CHAR = 200;
    static final long MIN_READS = 1_000_000;

    /** A match stopped: its text costs more than the pattern may spend on it. */
    static final class TooCostly extends RuntimeException {
        TooCostly() {
            super("the pattern takes too long to match", null, false, false);
        }
    }

    @Override
    public RegularExpression getRegularExpression(String regex) {
        Pattern pattern = Pattern.compile(RegularExpressions.replaceLongformCharacterProperties(
                RegularExpressions.replaceDollarAnchors(regex)));
        return value -> pattern.matcher(new Budgeted(value,
                Math.max(MIN_READS, MAX_READS_PER_CHAR * value.length()))).find();
    }

    @Override
    public RegularExpression getRegularExpression(String regex, SchemaContext context) {
        return getRegularExpression(regex);
    }

    /** The text, counting its reads: the matcher reads every character through {@link #charAt}. */
    private static final class Budgeted implements CharSequence {
        private final String text;
        private long left;

        Budgeted(String text, long budget) {
            this.text = text;
            this.left = budget;
        }

        @Override
        public char charAt(int index) {
            if (--left < 0) {
                throw new TooCostly();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Budgeted(text.substring(start, end), left);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
