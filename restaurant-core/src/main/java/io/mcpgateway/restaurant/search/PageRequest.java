package io.mcpgateway.restaurant.search;

import io.mcpgateway.restaurant.InvalidInputException;

/**
 * Which slice of a result to return.
 *
 * @param limit the most restaurants to return, 1 to the configured maximum page size
 * @param offset how many matching restaurants to skip first
 */
public record PageRequest(int limit, int offset) {

    /** The largest page served unless configured otherwise: big enough for any district of the real data set. */
    public static final int DEFAULT_MAX_PAGE_SIZE = 5000;

    public PageRequest {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1 but was " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be at least 0 but was " + offset);
        }
    }

    /**
     * A page from caller input: absent values take the defaults (the whole result up to {@code maxPageSize}, from the
     * start); values out of range are rejected with a message naming the bound.
     */
    public static PageRequest of(Integer limit, Integer offset, int maxPageSize) {
        int l = limit == null ? maxPageSize : limit;
        int o = offset == null ? 0 : offset;
        if (l < 1 || l > maxPageSize) {
            throw InvalidInputException.validation("limit must be between 1 and " + maxPageSize + " but was " + l);
        }
        if (o < 0) {
            throw InvalidInputException.validation("offset must be 0 or more but was " + o);
        }
        return new PageRequest(l, o);
    }
}
