package io.mcpgateway.json;

import java.util.Arrays;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link JsonCursor}'s skipping of strings, objects and arrays with SIMD instructions, through the JDK's Vector API: it
 * turns each 64-byte block into bit masks (quotes, backslashes, brackets, control characters, bytes allowed outside
 * strings) with a few vector compares, then finds escaped characters, the inside of strings and the brackets that count
 * with arithmetic on those masks, as simdjson does. It accepts and rejects exactly what the byte-by-byte skipper does
 * (a randomised test compares them), bracket kinds and the depth bound included.
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
        // Inside one string (from its opening quote at bit 0 to its end) brackets and the bytes allowed outside
        // strings do not matter: a third of the vector work.
        boolean string = bytes[from] == '"';
        long inStringCarry = 0; // all ones while a string is open at the start of the block
        long escapeCarry = 0; // 1 when the previous block ended with an odd run of backslashes
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
            long brackets = 0;
            long allowedOutside = string ? -1L : 0;
            for (int lane = 0; lane < BLOCK; lane += LANES) {
                ByteVector chunk = ByteVector.fromArray(SPECIES, source, offset + lane);
                VectorMask<Byte> quote = chunk.eq((byte) '"');
                quotes |= quote.toLong() << lane;
                backslashes |= chunk.eq((byte) '\\').toLong() << lane;
                controls |= within(chunk, '\0', 32).toLong() << lane; // below the space
                if (!string) {
                    ByteVector folded = chunk.or(CASE_BIT); // [ ] A-Z become { } a-z
                    VectorMask<Byte> bracket = folded.eq((byte) '{').or(folded.eq((byte) '}'));
                    VectorMask<Byte> allowed = quote.or(bracket)
                            .or(within(chunk, '+', 4)) // + , - .
                            .or(within(chunk, '0', 11)) // 0-9 :
                            .or(within(folded, 'a', 26))
                            .or(within(chunk, '\t', 2)) // tab, line feed
                            .or(chunk.eq((byte) '\r'))
                            .or(chunk.eq((byte) ' '));
                    brackets |= bracket.toLong() << lane;
                    allowedOutside |= allowed.toLong() << lane;
                }
            }
            long escaped = escaped(backslashes, escapeCarry);
            escapeCarry = endsEscaping(backslashes, escapeCarry);
            long inString = prefixXor(quotes & ~escaped) ^ inStringCarry; // opening quote to before the closing one
            inStringCarry = inString >> (Long.SIZE - 1);
            long errors = (controls & inString) | (~allowedOutside & ~inString);
            long otherEscapes = escaped & ~quotes & ~backslashes; // \" and \\ are valid; check the rare others
            while (otherEscapes != 0) {
                int bit = Long.numberOfTrailingZeros(otherEscapes);
                if (!JsonCursor.isEscape(source[offset + bit])) {
                    errors |= 1L << bit;
                }
                otherEscapes &= otherEscapes - 1;
            }
            long beforeError = errors == 0 ? -1L : (errors & -errors) - 1;
            if (string) {
                long closing = quotes & ~escaped & ~inString & beforeError;
                if (closing != 0) {
                    return base + Long.numberOfTrailingZeros(closing) + 1;
                }
            } else {
                for (long counted = brackets & ~inString & beforeError; counted != 0; counted &= counted - 1) {
                    int bit = Long.numberOfTrailingZeros(counted);
                    byte c = source[offset + bit];
                    if (c == '{' || c == '[') {
                        if (depth == JsonCursor.MAX_DEPTH) {
                            return -1;
                        }
                        objects = c == '{' ? objects | (1L << depth) : objects & ~(1L << depth);
                        depth++;
                    } else {
                        depth--;
                        if (depth < 0 || ((objects >>> depth & 1) == 1) != (c == '}')) {
                            return -1;
                        }
                        if (depth == 0) {
                            return base + bit + 1;
                        }
                    }
                }
            }
            if (errors != 0) {
                return -1;
            }
        }
        return -1;
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
