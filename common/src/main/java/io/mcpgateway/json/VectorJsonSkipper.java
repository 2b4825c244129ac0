package io.mcpgateway.json;

import java.util.Arrays;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link JsonCursor}'s skipping of strings, objects and arrays with SIMD instructions, through the JDK's Vector API: it
 * turns each 64-byte block into bit masks (quotes, backslashes, control characters, bytes beyond ASCII, brackets,
 * commas, colons, whitespace) with a few vector compares, then finds escaped characters, the inside of strings, the
 * brackets that count and what follows each token with arithmetic on those masks, as simdjson does. It checks all of
 * JSON's grammar: literals, numbers, escapes and bytes beyond ASCII are read one by one where they start (they are
 * few), and accepts and rejects exactly what the byte-wise skipper does (randomised tests compare them with each other
 * and with Jackson), bracket kinds and the depth bound included.
 *
 * <p>Why: skipping the 144 KB answer of bench/gateway.sh byte by byte took 27% of the gateway's CPU per request (perf
 * profile of the gateway under bench/gateway.sh); this takes about 18 µs for it instead of 65 µs (AVX-512). The loop
 * is one method with its state in locals on purpose: spread over an object's methods it measured 36% slower.
 *
 * <p>The Vector API is an incubator module: this class is used only when the JVM was started with
 * {@code --add-modules jdk.incubator.vector}, and must not be touched otherwise (see
 * {@link JsonCursor#skipValue(byte[], int, int)}). Until C2 has compiled it (the first seconds under load) it is much
 * slower than the byte-wise skipper, as is any Vector API code.
 */
final class VectorJsonSkipper {

    /** Bytes per block: one bit of a {@code long} mask each. */
    static final int BLOCK = Long.SIZE;

    /** The machine's widest vectors, but no more bytes than a block has (a mask is one {@code long}). */
    private static final VectorSpecies<Byte> SPECIES = ByteVector.SPECIES_PREFERRED.length() <= BLOCK
            ? ByteVector.SPECIES_PREFERRED : ByteVector.SPECIES_512;
    private static final int LANES = SPECIES.length();
    private static final long EVEN_BITS = 0x5555555555555555L;
    private static final long ODD_BITS = ~EVEN_BITS;
    private static final byte CASE_BIT = 0x20;
    private static final int LAST_BIT = Long.SIZE - 1;

    private VectorJsonSkipper() {
    }

    /** The lanes of the vectors in use (64 with AVX-512, 32 with AVX2, 16 with NEON), for the log. */
    static int lanes() {
        return SPECIES.length();
    }

    /**
     * Where the string, object or array starting at {@code from} ends (the index after it), or -1 when it is malformed
     * or nested deeper than {@link JsonCursor#MAX_DEPTH}; {@code bytes[from]} is a quote or an opening bracket.
     */
    static int skip(byte[] bytes, int from, int end) {
        // Inside one string (from its opening quote at bit 0 to its end) only quotes, escapes, control bytes and bytes
        // beyond ASCII matter: most of the vector work is for what lies outside strings.
        boolean string = bytes[from] == '"';
        long inStringCarry = 0; // all ones while a string is open at the start of the block
        long escapeCarry = 0; // 1 when the previous block ended with an odd run of backslashes
        long nonAsciiCarry = 0; // 1 when the previous block ended in a run of bytes beyond ASCII, checked whole
        long scalarCarry = 0; // 1 when the previous block ended in a literal or number, checked whole
        long nameCarry = 0; // 1 when the string open at the previous block's end is a member name
        // Bit 0 set when the token after the previous block's last one lies here (past whitespace), by its kind:
        long afterValue = 0; // a string's closing quote, a closing bracket, a literal or number: a comma or close
        long afterName = 0; // a member name's closing quote: a colon
        long beforeValue = 0; // a colon, a comma in an array: a value
        long beforeName = 0; // a comma in an object: a member name
        long afterObjectOpen = 0; // a member name or a closing brace
        long afterArrayOpen = 0; // a value or a closing bracket
        int depth = 0;
        long objects = 0; // bit d: whether the container at depth d is an object
        for (int base = from; base < end; base += BLOCK) {
            byte[] source = bytes;
            int offset = base;
            if (end - base < BLOCK) { // the last, partial block: padded with spaces, which end nothing
                source = Arrays.copyOfRange(bytes, base, base + BLOCK);
                Arrays.fill(source, end - base, BLOCK, (byte) ' ');
                offset = 0;
            }
            // Bit i of each mask is byte i of the block.
            long quotes = 0;
            long backslashes = 0;
            long controls = 0;
            long nonAscii = 0;
            long opens = 0;
            long closes = 0;
            long commas = 0;
            long colons = 0;
            long spaces = 0;
            for (int lane = 0; lane < BLOCK; lane += LANES) {
                ByteVector chunk = ByteVector.fromArray(SPECIES, source, offset + lane);
                quotes |= chunk.eq((byte) '"').toLong() << lane;
                backslashes |= chunk.eq((byte) '\\').toLong() << lane;
                controls |= within(chunk, '\0', 32).toLong() << lane; // below the space
                nonAscii |= chunk.lt((byte) 0).toLong() << lane;
                if (!string) {
                    ByteVector folded = chunk.or(CASE_BIT); // [ ] become { }
                    opens |= folded.eq((byte) '{').toLong() << lane;
                    closes |= folded.eq((byte) '}').toLong() << lane;
                    commas |= chunk.eq((byte) ',').toLong() << lane;
                    colons |= chunk.eq((byte) ':').toLong() << lane;
                    spaces |= within(chunk, '\t', 2).or(chunk.eq((byte) '\r')).or(chunk.eq((byte) ' ')).toLong()
                            << lane; // tab, line feed, carriage return, space
                }
            }
            long escaped = escaped(backslashes, escapeCarry);
            escapeCarry = endsEscaping(backslashes, escapeCarry);
            long inString = prefixXor(quotes & ~escaped) ^ inStringCarry; // opening quote to before the closing one
            inStringCarry = inString >> LAST_BIT;
            long errors = controls & inString;
            // \" and \\ are valid; the rare other escapes are checked one by one, \\u with its four hex digits
            for (long other = escaped & ~quotes & ~backslashes & inString; other != 0; other &= other - 1) {
                int bit = Long.numberOfTrailingZeros(other);
                if (JsonTokens.escapeLength(bytes, base + bit - 1, end) < 0) {
                    errors |= 1L << bit;
                }
            }
            // each run of bytes beyond ASCII in a string as a whole, from the block where it starts
            long runStarts = nonAscii & ~(nonAscii << 1 | nonAsciiCarry) & inString;
            nonAsciiCarry = nonAscii >>> LAST_BIT;
            for (long run = runStarts; run != 0; run &= run - 1) {
                int bit = Long.numberOfTrailingZeros(run);
                if (JsonTokens.nonAsciiRunEnd(bytes, base + bit, end) < 0) {
                    errors |= 1L << bit;
                }
            }
            long closing = quotes & ~escaped & ~inString;
            if (string) {
                long beforeError = errors == 0 ? -1L : (errors & -errors) - 1;
                if ((closing & beforeError) != 0) {
                    return base + Long.numberOfTrailingZeros(closing & beforeError) + 1;
                }
                if (errors != 0) {
                    return -1;
                }
                continue;
            }
            long outside = ~inString;
            long opening = quotes & ~escaped & inString;
            opens &= outside;
            closes &= outside;
            commas &= outside;
            colons &= outside;
            spaces &= outside;
            // Outside strings, every other byte belongs to a literal or number, each checked whole where it starts
            // (so a control byte, a byte beyond ASCII or a stray character there is a malformed one).
            long scalars = outside & ~(closing | opens | closes | commas | colons | spaces);
            for (long run = scalars & ~(scalars << 1 | scalarCarry); run != 0; run &= run - 1) {
                int bit = Long.numberOfTrailingZeros(run);
                if (JsonTokens.scalarEnd(bytes, base + bit, end) < 0) {
                    errors |= 1L << bit;
                }
            }

            // Brackets in order: depth, kinds, and where the innermost container is an object
            long inObject = depth > 0 && (objects >>> (depth - 1) & 1) == 1 ? -1L : 0;
            long objectOpens = 0;
            int last = -1; // the bit of the bracket that ends the value
            for (long counted = opens | closes; counted != 0; counted &= counted - 1) {
                int bit = Long.numberOfTrailingZeros(counted);
                byte c = source[offset + bit];
                long after = -2L << bit;
                if (c == '{' || c == '[') {
                    if (depth == JsonCursor.MAX_DEPTH) {
                        errors |= 1L << bit;
                        break;
                    }
                    boolean object = c == '{';
                    objects = object ? objects | (1L << depth) : objects & ~(1L << depth);
                    depth++;
                    objectOpens |= object ? 1L << bit : 0;
                    inObject = object ? inObject | after : inObject & ~after;
                } else {
                    depth--;
                    if (((objects >>> depth & 1) == 1) != (c == '}')) {
                        errors |= 1L << bit;
                        break;
                    }
                    if (depth == 0) {
                        last = bit;
                        break;
                    }
                    inObject = (objects >>> (depth - 1) & 1) == 1 ? inObject | after : inObject & ~after;
                }
            }

            // What may follow each token, whitespace aside (a token at bit -1 being the previous block's last)
            long values = opening | opens | scalars;
            long commasOrCloses = commas | closes;
            long arrayOpens = opens & ~objectOpens;
            long objectCommas = commas & inObject;
            long beforeValues = colons | commas & ~objectCommas;
            afterValue &= ~(scalarCarry & scalars); // the literal or number at bit 63 goes on
            long nextBeforeValue = next(beforeValues, beforeValue, spaces);
            long nextBeforeName = next(objectCommas, beforeName, spaces);
            long nextAfterObjectOpen = next(objectOpens, afterObjectOpen, spaces);
            long nextAfterArrayOpen = next(arrayOpens, afterArrayOpen, spaces);
            beforeValue = beyond(beforeValues, beforeValue, spaces);
            beforeName = beyond(objectCommas, beforeName, spaces);
            afterObjectOpen = beyond(objectOpens, afterObjectOpen, spaces);
            afterArrayOpen = beyond(arrayOpens, afterArrayOpen, spaces);
            long names = (nextBeforeName | nextAfterObjectOpen) & opening;
            long nameStrings = inString + (names | nameCarry); // a carry through each name to its closing quote
            long nameEnds = nameStrings & ~inString;
            nameCarry = Long.compareUnsigned(nameStrings, inString) < 0 ? 1 : 0;
            long valueEnds = (closing | closes | scalars & ~(scalars >>> 1)) & ~nameEnds;
            long nextAfterValue = next(valueEnds, afterValue, spaces);
            long nextAfterName = next(nameEnds, afterName, spaces);
            afterValue = beyond(valueEnds, afterValue, spaces);
            afterName = beyond(nameEnds, afterName, spaces);
            errors |= nextAfterValue & ~commasOrCloses | nextAfterName & ~colons | nextBeforeValue & ~values
                    | nextBeforeName & ~opening | nextAfterObjectOpen & ~(opening | closes)
                    | nextAfterArrayOpen & ~(values | closes);
            scalarCarry = scalars >>> LAST_BIT;

            if (last >= 0) {
                long upToLast = last == LAST_BIT ? -1L : (2L << last) - 1; // what follows is not the value's
                return (errors & upToLast) == 0 ? base + last + 1 : -1;
            }
            if (errors != 0) {
                return -1;
            }
        }
        return -1;
    }

    /**
     * Where the next token after each of {@code tokens} is, whitespace ({@code spaces}) skipped, with bit 0 of
     * {@code carried} the token before this block: adding the bit after a token to the run of spaces it starts carries
     * past the run's end. Compact JSON, as most servers write it, has no whitespace outside strings: the next token is
     * then the next byte (a third of the skipping's time on the bench's answer when worked out the long way).
     */
    private static long next(long tokens, long carried, long spaces) {
        long after = tokens << 1 | carried;
        return spaces == 0 ? after : after & ~spaces | (spaces + (after & spaces)) & ~spaces;
    }

    /** 1 when the next token after the last of {@code tokens} (or after {@code carried}) lies past this block. */
    private static long beyond(long tokens, long carried, long spaces) {
        if (spaces == 0) {
            return tokens >>> LAST_BIT;
        }
        long run = (tokens << 1 | carried) & spaces;
        long sum = spaces + run;
        return (tokens | (spaces & run | (spaces | run) & ~sum)) >>> LAST_BIT; // at bit 63, or a carry out of the sum
    }

    /**
     * Lanes holding one of the {@code count} bytes from {@code first}: an unsigned compare, written as a signed one of
     * the bytes moved by 128 since the name of the unsigned one changed between JDK 21 and 25.
     */
    private static VectorMask<Byte> within(ByteVector bytes, char first, int count) {
        return bytes.add((byte) (Byte.MIN_VALUE - first)).lt((byte) (Byte.MIN_VALUE + count));
    }

    /**
     * The bytes that follow an odd run of backslashes (escaped ones), runs continuing from the previous block: adding
     * each run's start to the run carries out past its end, and whether the run started on an even or an odd bit tells
     * whether its length is odd.
     */
    private static long escaped(long backslashes, long escapeCarry) {
        long runStarts = backslashes & ~(backslashes << 1);
        long evenStartBits = EVEN_BITS ^ escapeCarry;
        long fromEvenStarts = backslashes + (runStarts & evenStartBits);
        long fromOddStarts = (backslashes + (runStarts & ~evenStartBits)) | escapeCarry;
        return (fromEvenStarts & ~backslashes & ODD_BITS) | (fromOddStarts & ~backslashes & EVEN_BITS);
    }

    /** 1 when the block ends with an odd run of backslashes (its addition in {@link #escaped} carries out), else 0. */
    private static long endsEscaping(long backslashes, long escapeCarry) {
        long runStarts = backslashes & ~(backslashes << 1);
        long fromOddStarts = backslashes + (runStarts & ~(EVEN_BITS ^ escapeCarry));
        return Long.compareUnsigned(fromOddStarts, backslashes) < 0 ? 1 : 0;
    }

    /** Bit i becomes the XOR of bits 0 to i: 1 from an opening quote to just before the closing one. */
    private static long prefixXor(long bits) {
        long x = bits;
        x ^= x << 1;
        x ^= x << 2;
        x ^= x << 4;
        x ^= x << 8;
        x ^= x << 16;
        x ^= x << 32;
        return x;
    }
}
