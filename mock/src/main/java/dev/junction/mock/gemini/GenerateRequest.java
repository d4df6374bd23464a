package dev.junction.mock.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@code GenerateContentRequest} as the mock needs it: one pass over the JSON that checks what
 * Google checks first (contents present, parts non-empty, valid roles) and gathers the fields that
 * drive the reply. Either spelling of every field is accepted ({@link WireKey}).
 *
 * @param contents      the {@code contents[]} items
 * @param prompt        the text of the last {@code user} content that has text: directives and quotes come from it
 * @param lastTurn      what the last content is
 * @param declarations  every {@code functionDeclarations[]} item across {@code tools[]}
 * @param callingMode   {@code toolConfig.functionCallingConfig.mode}, upper case, {@code AUTO} by default
 */
record GenerateRequest(
        JsonNode root,
        List<JsonNode> contents,
        JsonNode systemInstruction,
        String prompt,
        LastTurn lastTurn,
        List<JsonNode> declarations,
        String callingMode,
        List<String> allowedFunctionNames,
        JsonNode generationConfig) {

    /** What the conversation ends with, which decides the kind of answer. */
    enum LastTurn { USER_TEXT, FUNCTION_RESPONSES, MODEL }

    static GenerateRequest from(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new MockRequestException(GoogleErrorBodies.invalidArgument(
                    "Invalid JSON payload received. Expected an object at the top level."));
        }
        JsonNode contentsNode = Keys.CONTENTS.in(root);
        if (!contentsNode.isArray() || contentsNode.isEmpty()) {
            throw new MockRequestException(GoogleErrorBodies.invalidArgument(
                    "* GenerateContentRequest.contents: contents is not specified\n"));
        }
        List<JsonNode> contents = new ArrayList<>(contentsNode.size());
        String prompt = "";
        for (int i = 0; i < contentsNode.size(); i++) {
            JsonNode content = contentsNode.get(i);
            JsonNode parts = Keys.PARTS.in(content);
            if (!parts.isArray() || parts.isEmpty()) {
                throw new MockRequestException(GoogleErrorBodies.invalidArgument(
                        "* GenerateContentRequest.contents[" + i + "].parts: contents.parts must not be empty.\n"));
            }
            String role = Keys.ROLE.in(content).asText("user");
            if (!role.equals("user") && !role.equals("model") && !role.isEmpty()) {
                throw new MockRequestException(GoogleErrorBodies.invalidArgument(
                        "Please use a valid role: user, model."));
            }
            contents.add(content);
        }
        for (int i = contents.size() - 1; i >= 0 && prompt.isEmpty(); i--) {
            if (isUser(contents.get(i))) {
                prompt = text(contents.get(i));
            }
        }
        JsonNode last = contents.get(contents.size() - 1);
        LastTurn lastTurn = !isUser(last) ? LastTurn.MODEL
                : hasFunctionResponse(last) ? LastTurn.FUNCTION_RESPONSES : LastTurn.USER_TEXT;

        List<JsonNode> declarations = new ArrayList<>();
        for (JsonNode tool : Keys.TOOLS.in(root)) {
            for (JsonNode declaration : Keys.FUNCTION_DECLARATIONS.in(tool)) {
                declarations.add(declaration);
            }
        }
        JsonNode calling = Keys.FUNCTION_CALLING_CONFIG.in(Keys.TOOL_CONFIG.in(root));
        String mode = Keys.MODE.in(calling).asText("AUTO").toUpperCase(Locale.ROOT);
        List<String> allowed = new ArrayList<>();
        for (JsonNode name : Keys.ALLOWED_FUNCTION_NAMES.in(calling)) {
            allowed.add(name.asText());
        }
        return new GenerateRequest(root, List.copyOf(contents), Keys.SYSTEM_INSTRUCTION.in(root), prompt, lastTurn,
                List.copyOf(declarations), mode.isEmpty() ? "AUTO" : mode, List.copyOf(allowed),
                Keys.GENERATION_CONFIG.in(root));
    }

    static boolean isUser(JsonNode content) {
        return !"model".equals(Keys.ROLE.in(content).asText("user"));
    }

    static boolean hasFunctionResponse(JsonNode content) {
        for (JsonNode part : Keys.PARTS.in(content)) {
            if (Keys.FUNCTION_RESPONSE.presentIn(part)) {
                return true;
            }
        }
        return false;
    }

    /** The concatenated text parts of a content (thought parts included: they are text too). */
    static String text(JsonNode content) {
        JsonNode parts = Keys.PARTS.in(content);
        if (parts.size() == 1) {
            return Keys.TEXT.in(parts.get(0)).asText(""); // the common case, without a builder
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : parts) {
            JsonNode t = Keys.TEXT.in(part);
            if (t.isTextual()) {
                if (!text.isEmpty()) {
                    text.append('\n');
                }
                text.append(t.asText());
            }
        }
        return text.toString();
    }

    /** The function responses the conversation ends with (empty unless {@link LastTurn#FUNCTION_RESPONSES}). */
    List<JsonNode> lastFunctionResponses() {
        if (lastTurn != LastTurn.FUNCTION_RESPONSES) {
            return List.of();
        }
        List<JsonNode> responses = new ArrayList<>();
        for (JsonNode part : Keys.PARTS.in(contents.get(contents.size() - 1))) {
            JsonNode response = Keys.FUNCTION_RESPONSE.in(part);
            if (!response.isMissingNode()) {
                responses.add(response);
            }
        }
        return responses;
    }

    /**
     * Index of the last user content with standard content (text, media — not only function
     * responses): Gemini 3's current turn starts after it. -1 when there is none.
     */
    int currentTurnStart() {
        for (int i = contents.size() - 1; i >= 0; i--) {
            JsonNode content = contents.get(i);
            if (!isUser(content)) {
                continue;
            }
            for (JsonNode part : Keys.PARTS.in(content)) {
                if (!Keys.FUNCTION_RESPONSE.presentIn(part)) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** How many model contents of the current turn made function calls (the steps taken so far). */
    int callStepsInCurrentTurn() {
        int steps = 0;
        for (int i = currentTurnStart() + 1; i < contents.size(); i++) {
            JsonNode content = contents.get(i);
            if (isUser(content)) {
                continue;
            }
            for (JsonNode part : Keys.PARTS.in(content)) {
                if (Keys.FUNCTION_CALL.presentIn(part)) {
                    steps++;
                    break;
                }
            }
        }
        return steps;
    }

    JsonNode config(WireKey key) {
        return generationConfig.isMissingNode() ? MissingNode.getInstance() : key.in(generationConfig);
    }
}
