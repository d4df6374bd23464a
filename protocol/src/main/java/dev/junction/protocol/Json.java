package dev.junction.protocol;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one Jackson configuration every codec shares. Limits are set for hostile input: nesting
 * depth is bounded so a deeply nested body fails fast instead of exhausting the stack.
 */
public final class Json {
    public static final int MAX_NESTING_DEPTH = 200;

    public static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING_DEPTH)
                            .maxStringLength(Integer.MAX_VALUE)
                            .build())
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
}
