package dev.junction.protocol.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The last resort for Gemini 3's signature check. Gemini 3 rejects a request when a model step
 * of the current turn replays a function call without the thought signature it came with; the
 * gateway restores signatures from the client's {@code extra_content} or from its own store
 * before encoding, so what is still missing here is lost for good (a client that dropped the
 * field, history from another model). For those steps Google documents a value that skips the
 * check; Junction uses {@value #BYPASS}, the one vercel/ai sends.
 *
 * <p>The current turn starts after the last {@code user} content holding something other than
 * function responses (Google's definition); earlier turns are not validated and are left alone.
 * Only a step's FIRST function call needs a signature (parallel calls carry one, on the first).
 */
final class GeminiThoughtSignatures {
    static final String BYPASS = "skip_thought_signature_validator";

    private GeminiThoughtSignatures() {}

    static void fillCurrentTurn(ArrayNode contents) {
        int start = -1;
        for (int i = contents.size() - 1; i >= 0 && start < 0; i--) {
            if (contents.get(i).path("role").asText().equals("user") && hasStandardContent(contents.get(i))) {
                start = i;
            }
        }
        for (int i = start + 1; i < contents.size(); i++) {
            JsonNode content = contents.get(i);
            if (!content.path("role").asText().equals("model")) {
                continue;
            }
            for (JsonNode part : content.path("parts")) {
                if (part.has("functionCall")) {
                    if (!part.has("thoughtSignature")) {
                        ((ObjectNode) part).put("thoughtSignature", BYPASS);
                    }
                    break;
                }
            }
        }
    }

    private static boolean hasStandardContent(JsonNode content) {
        for (JsonNode part : content.path("parts")) {
            if (!part.has("functionResponse")) {
                return true;
            }
        }
        return false;
    }
}
