package dev.junction.mock.gemini;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** The {@code safetyRatings} lists Google sends, as recorded in the fixtures. */
final class SafetyRatings {
    private SafetyRatings() {}

    /** On a candidate that finished with {@code SAFETY} (fx {@code ...unary-failure-finish-reason-safety.json}). */
    static ArrayNode forFinish() {
        return ratings("HARM_CATEGORY_HATE_SPEECH", "NEGLIGIBLE", "HARM_CATEGORY_DANGEROUS_CONTENT", "NEGLIGIBLE",
                "HARM_CATEGORY_HARASSMENT", "NEGLIGIBLE", "HARM_CATEGORY_SEXUALLY_EXPLICIT", "NEGLIGIBLE");
    }

    /** In {@code promptFeedback} of a blocked prompt (fx {@code ...streaming-failure-prompt-blocked-safety.txt}). */
    static ArrayNode forBlock() {
        return ratings("HARM_CATEGORY_SEXUALLY_EXPLICIT", "NEGLIGIBLE", "HARM_CATEGORY_HATE_SPEECH", "HIGH",
                "HARM_CATEGORY_HARASSMENT", "NEGLIGIBLE", "HARM_CATEGORY_DANGEROUS_CONTENT", "NEGLIGIBLE");
    }

    private static ArrayNode ratings(String... pairs) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < pairs.length; i += 2) {
            out.addObject().put("category", pairs[i]).put("probability", pairs[i + 1]);
        }
        return out;
    }
}
