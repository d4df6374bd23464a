package dev.junction.protocol;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one Jackson configuration every codec shares. Every limit of the parser is set here on
 * purpose, for hostile input:
 *
 * <ul>
 *   <li>nesting depth 200, so a deeply nested body fails fast instead of exhausting the stack;
 *   <li>number literals of at most 1,000 characters (a real number never needs 30): a number's
 *       <em>exponent</em> is not bounded by this, so whoever prints or rescales a client's
 *       number must go through {@link #brief} ({@code 1e999999999} written out in full is a
 *       gigabyte);
 *   <li>strings and documents of at most 64 MB: the request body limit is lower (20 MB by
 *       default), so only an operator who raised it far could meet these;
 *   <li>field names of at most 50,000 characters.
 * </ul>
 */
public final class Json {
    public static final int MAX_NESTING_DEPTH = 200;
    public static final int MAX_NUMBER_LENGTH = 1_000;
    public static final int MAX_STRING_LENGTH = 64 * 1024 * 1024;
    public static final long MAX_DOCUMENT_LENGTH = 64L * 1024 * 1024;
    public static final int MAX_NAME_LENGTH = 50_000;
    /** How much of a client's value an error message quotes, at most. */
    public static final int MAX_QUOTED_CHARS = 40;

    public static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
            .maxNestingDepth(MAX_NESTING_DEPTH)
            .maxNumberLength(MAX_NUMBER_LENGTH)
            .maxStringLength(MAX_STRING_LENGTH)
            .maxDocumentLength(MAX_DOCUMENT_LENGTH)
            .maxNameLength(MAX_NAME_LENGTH)
            .build();

    public static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
                    .streamReadConstraints(CONSTRAINTS)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /**
     * Reads the value at a parser's position without demanding that nothing follows: for
     * picking one field's subtree out of a larger document.
     */
    public static final com.fasterxml.jackson.databind.ObjectReader SUBTREE =
            MAPPER.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {}

    /**
     * A number as an error message may quote it: plain when that is short, else in scientific
     * notation, and never more than {@value #MAX_QUOTED_CHARS} characters. Never allocates in
     * proportion to the exponent.
     */
    public static String brief(java.math.BigDecimal value) {
        java.math.BigDecimal stripped = value.stripTrailingZeros();
        // precision - scale - 1 is the decimal exponent; only a small one is written out plainly
        long exponent = (long) stripped.precision() - stripped.scale() - 1;
        String text = exponent > -7 && exponent < 21 && stripped.precision() <= MAX_QUOTED_CHARS
                ? stripped.toPlainString() : stripped.toString();
        return brief(text);
    }

    /** A client's text as an error message may quote it: cut to {@value #MAX_QUOTED_CHARS} characters. */
    public static String brief(String text) {
        return text.length() <= MAX_QUOTED_CHARS ? text
                : text.substring(0, MAX_QUOTED_CHARS - 3) + "...";
    }
}
