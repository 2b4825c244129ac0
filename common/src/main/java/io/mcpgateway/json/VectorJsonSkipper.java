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
 * profile of the gateway under bench/gateway.sh); this takes 17 µs for it instead of 65 µs (AVX-512; 22 µs with AVX2).
 * The Vector API is an incubator module: it is used only when the JVM was started with
 * {@code --add-modules jdk.incubator.vector}, and this class must not be touched otherwise (see
 * {@link JsonCursor#vectorized()}).
 */
final class VectorJsonSkipper {

    /** Bytes per block: one bit of a {@code long} mask each. */
    static final int BLOCK = Long.SIZE;

    private static final VectorSpecies<Byte> SPECIES = ByteVector.SPECIES_PREFERRED;
    private static final int LANES = Math.min(SPECIES.length(), BLOCK);
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
        boolean string = bytes[from] == '"';
        Blocks state = new Blocks();
        for (int base = from; base < end; base += BLOCK) {
            byte[] source = bytes;
            int offset = base;
            if (base + BLOCK > end) { // the last, partial block: padded with spaces, which end nothing
                source = Arrays.copyOfRange(bytes, base, base + BLOCK);
                Arrays.fill(source, end - base, BLOCK, (byte) ' ');
                offset = 0;
            }
            int found = string ? state.stringEnd(source, offset) : state.containerEnd(source, offset);
            if (found == Blocks.MALFORMED) {
                return -1;
            }
            if (found != Blocks.NOT_YET) {
                return base + found + 1;
            }
        }
        return -1;
    }

    /** What is known at the start of the next block, and the reading of one block. */
    private static final class Blocks {

        static final int NOT_YET = -1;
        static final int MALFORMED = -2;

        /** All ones while a string is open at the start of the next block. */
        private long inStringCarry;
        /** 1 when the previous block ended with an odd run of backslashes: the next byte is escaped. */
        private long escapeCarry;
        private int depth;
        /** Bit d: whether the container at depth d is an object. */
        private long objects;

        // The masks of the block being read: bit i is byte i.
        private long quotes;
        private long backslashes;
        private long brackets;
        private long controls;
        private long allowedOutside;
        private long inString;
        private long errors;

        /** Bit of the string's closing quote in this block, NOT_YET, or MALFORMED. */
        int stringEnd(byte[] source, int offset) {
            read(source, offset);
            long closing = quotes & ~inString & beforeFirstError();
            if (closing != 0) {
                return Long.numberOfTrailingZeros(closing);
            }
            return errors != 0 ? MALFORMED : NOT_YET;
        }

        /** Bit of the container's closing bracket in this block, NOT_YET, or MALFORMED. */
        int containerEnd(byte[] source, int offset) {
            read(source, offset);
            long counted = brackets & ~inString & beforeFirstError();
            while (counted != 0) {
                int bit = Long.numberOfTrailingZeros(counted);
                byte c = source[offset + bit];
                if (c == '{' || c == '[') {
                    if (depth == JsonCursor.MAX_DEPTH) {
                        return MALFORMED;
                    }
                    objects = c == '{' ? objects | (1L << depth) : objects & ~(1L << depth);
                    depth++;
                } else {
                    depth--;
                    if (depth < 0 || ((objects >>> depth & 1) == 1) != (c == '}')) {
                        return MALFORMED;
                    }
                    if (depth == 0) {
                        return bit;
                    }
                }
                counted &= counted - 1;
            }
            return errors != 0 ? MALFORMED : NOT_YET;
        }

        /** Bits before the block's first malformed byte: all when there is none. */
        private long beforeFirstError() {
            return errors == 0 ? -1L : (errors & -errors) - 1;
        }

        private void read(byte[] source, int offset) {
            classify(source, offset);
            long escaped = escaped();
            long realQuotes = quotes & ~escaped;
            inString = prefixXor(realQuotes) ^ inStringCarry; // from an opening quote up to before its closing one
            inStringCarry = inString >> (Long.SIZE - 1);
            errors = (controls & inString) | (~allowedOutside & ~inString);
            long otherEscapes = escaped & ~quotes & ~backslashes; // \" and \\ are valid; check the rare others
            while (otherEscapes != 0) {
                int bit = Long.numberOfTrailingZeros(otherEscapes);
                if (!JsonCursor.isEscape(source[offset + bit])) {
                    errors |= 1L << bit;
                }
                otherEscapes &= otherEscapes - 1;
            }
        }

        /** Fills the masks of the 64 bytes from {@code offset}. */
        private void classify(byte[] source, int offset) {
            quotes = 0;
            backslashes = 0;
            brackets = 0;
            controls = 0;
            allowedOutside = 0;
            for (int lane = 0; lane < BLOCK; lane += LANES) {
                ByteVector bytes = ByteVector.fromArray(SPECIES, source, offset + lane);
                ByteVector folded = bytes.or(CASE_BIT); // [ ] A-Z become { } a-z
                VectorMask<Byte> quote = bytes.eq((byte) '"');
                VectorMask<Byte> bracket = folded.eq((byte) '{').or(folded.eq((byte) '}'));
                VectorMask<Byte> allowed = quote.or(bracket)
                        .or(within(bytes, '+', 4)) // + , - .
                        .or(within(bytes, '0', 11)) // 0-9 :
                        .or(within(folded, 'a', 26))
                        .or(within(bytes, '\t', 2)) // tab, line feed
                        .or(bytes.eq((byte) '\r'))
                        .or(bytes.eq((byte) ' '));
                quotes |= quote.toLong() << lane;
                backslashes |= bytes.eq((byte) '\\').toLong() << lane;
                brackets |= bracket.toLong() << lane;
                controls |= within(bytes, '\0', ' ').toLong() << lane;
                allowedOutside |= allowed.toLong() << lane;
            }
        }

        /**
         * Lanes holding one of the {@code count} bytes from {@code first}: an unsigned compare, written as a signed one
         * of the bytes moved by 128 since the name of the unsigned one changed between JDK 21 and 25.
         */
        private static VectorMask<Byte> within(ByteVector bytes, char first, int count) {
            return bytes.add((byte) (Byte.MIN_VALUE - first)).lt((byte) (Byte.MIN_VALUE + count));
        }

        /**
         * The bytes that follow an odd run of backslashes (escaped ones), the runs continuing from the previous block:
         * the carry of adding each run's start to the run tells where an odd or even run ends.
         */
        private long escaped() {
            long runStarts = backslashes & ~(backslashes << 1);
            long evenStartBits = EVEN_BITS ^ escapeCarry;
            long fromEvenStarts = backslashes + (runStarts & evenStartBits);
            long fromOddStarts = backslashes + (runStarts & ~evenStartBits);
            boolean lastRunOdd = Long.compareUnsigned(fromOddStarts, backslashes) < 0;
            fromOddStarts |= escapeCarry;
            long escaped = (fromEvenStarts & ~backslashes & ODD_BITS) | (fromOddStarts & ~backslashes & EVEN_BITS);
            escapeCarry = lastRunOdd ? 1 : 0;
            return escaped;
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
}
