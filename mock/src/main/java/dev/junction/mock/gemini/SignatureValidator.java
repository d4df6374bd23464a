package dev.junction.mock.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Checks the history of a request the way Gemini 3 does (PROTOCOLS §2.4, "Validation").
 *
 * <p>Only the current turn is checked: the contents after the last {@code user} content that has
 * standard content (text, media — not only {@code functionResponse} parts). In it, every
 * {@code model} content with {@code functionCall} parts must carry a {@code thoughtSignature} on
 * its <em>first</em> {@code functionCall} part, and that signature must be one this mock issued
 * for that call, or one of the documented bypass values. A missing signature gets Google's
 * "Function call is missing a thought_signature..." and a foreign one "Corrupted thought signature.".
 *
 * <p>For every model, a function-call step followed by a user content of function responses must
 * be answered with as many responses as there were calls — which is also what rejects parallel
 * calls whose responses were interleaved with them.
 */
final class SignatureValidator {
    private SignatureValidator() {}

    static void check(GenerateRequest request, MockModel model, ThoughtSignatures signatures) {
        List<JsonNode> contents = request.contents();
        int start = request.currentTurnStart();
        for (int i = start + 1; i < contents.size(); i++) {
            JsonNode content = contents.get(i);
            if (GenerateRequest.isUser(content)) {
                continue;
            }
            int calls = 0;
            JsonNode firstCallPart = null;
            for (JsonNode part : Keys.PARTS.in(content)) {
                if (Keys.FUNCTION_CALL.presentIn(part)) {
                    calls++;
                    if (firstCallPart == null) {
                        firstCallPart = part;
                    }
                }
            }
            if (calls == 0) {
                continue;
            }
            if (model.gemini3()) {
                checkSignature(firstCallPart, i, signatures);
            }
            if (i + 1 < contents.size() && GenerateRequest.hasFunctionResponse(contents.get(i + 1))) {
                int responses = 0;
                for (JsonNode part : Keys.PARTS.in(contents.get(i + 1))) {
                    if (Keys.FUNCTION_RESPONSE.presentIn(part)) {
                        responses++;
                    }
                }
                if (responses != calls) {
                    throw new MockRequestException(GoogleErrorBodies.invalidArgument(
                            "Please ensure that the number of function response parts is equal to the number of "
                                    + "function call parts of the function call turn."));
                }
            }
        }
    }

    private static void checkSignature(JsonNode part, int index, ThoughtSignatures signatures) {
        JsonNode call = Keys.FUNCTION_CALL.in(part);
        String name = Keys.NAME.in(call).asText("");
        JsonNode signature = Keys.THOUGHT_SIGNATURE.in(part);
        if (!signature.isTextual() || signature.asText().isEmpty()) {
            throw new MockRequestException(GoogleErrorBodies.invalidArgument(
                    "Function call is missing a thought_signature in functionCall parts. This is required for tools "
                            + "to work correctly, and missing thought_signature may lead to degraded model performance. "
                            + "Additional data, function call `default_api:" + name + "` , position " + (index + 1)
                            + ". Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures for more details."));
        }
        String value = signature.asText();
        if (ThoughtSignatures.BYPASS.contains(value)) {
            return;
        }
        if (!signatures.issuedForCall(value, name, Keys.ARGS.in(call))) {
            throw new MockRequestException(GoogleErrorBodies.invalidArgument("Corrupted thought signature."));
        }
    }
}
