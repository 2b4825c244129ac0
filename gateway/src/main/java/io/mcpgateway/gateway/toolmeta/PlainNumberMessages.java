package io.mcpgateway.gateway.toolmeta;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import com.networknt.schema.i18n.DefaultMessageSource;
import com.networknt.schema.i18n.MessageSource;

/**
 * The schema validator's messages with numbers written as JSON writes them ("at most 1000 items but found 12345"):
 * its message formats put thousands separators into the numbers they are given ("12,345"), which read as two numbers
 * in a refusal that lists values. A count of one takes the singular ("at least 1 item"), which its formats do not.
 */
final class PlainNumberMessages implements MessageSource {

    /** "1 items" and the like, but not "11 items" or "0.1 items". */
    private static final Pattern ONE_OF_MANY = Pattern.compile("(?<![\\d.])1 (items|characters|properties)\\b");

    private final MessageSource messages = DefaultMessageSource.getInstance();

    @Override
    public String getMessage(String key, Supplier<String> defaultMessage, Locale locale, Object... arguments) {
        Object[] plain = arguments == null ? null : arguments.clone();
        for (int i = 0; plain != null && i < plain.length; i++) {
            if (plain[i] instanceof BigDecimal decimal) {
                plain[i] = decimal.toPlainString(); // not 1E+3
            } else if (plain[i] instanceof Number number) {
                plain[i] = number.toString();
            }
        }
        String message = messages.getMessage(key, defaultMessage, locale, plain);
        return message == null ? null : ONE_OF_MANY.matcher(message).replaceAll(one -> "1 " + switch (one.group(1)) {
            case "items" -> "item";
            case "characters" -> "character";
            default -> "property";
        });
    }
}
