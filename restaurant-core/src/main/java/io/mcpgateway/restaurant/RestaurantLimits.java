package io.mcpgateway.restaurant;

/**
 * How long a restaurant's texts and lists may be, wherever restaurants come in: the data files (a record beyond them
 * is skipped and reported) and the reasoning tools' input (refused), and as {@code maxLength}/{@code maxItems} in the
 * published schemas. Without them a request of a few restaurants could carry a name of megabytes, echoed twice in the
 * answer. Each is several times the largest in the real data set (name 172 characters, address 136, id 36, three
 * cuisine tags, two opening ranges a day), in characters (code points), as JSON Schema counts them.
 */
public final class RestaurantLimits {

    public static final int MAX_ID = 100;
    public static final int MAX_NAME = 500;
    public static final int MAX_ADDRESS = 1_000;
    /** District, region, price range, a cuisine tag, an opening range, metadata texts. */
    public static final int MAX_LABEL = 100;
    /** Cuisine tags of one restaurant. */
    public static final int MAX_TAGS = 50;
    /** Opening ranges of one group of days. */
    public static final int MAX_RANGES = 20;

    private RestaurantLimits() {
    }

    /** Why {@code value} (of field {@code field}) is too long, or null when it is not. */
    public static String tooLong(String field, String value, int max) {
        int length = value.codePointCount(0, value.length());
        return length > max ? field + " must be at most " + max + " characters but had " + length : null;
    }

    /** Why a list of {@code size} items (field {@code field}) is too long, or null when it is not. */
    public static String tooMany(String field, int size, int max) {
        return size > max ? field + " may hold at most " + max + " items but held " + size : null;
    }
}
