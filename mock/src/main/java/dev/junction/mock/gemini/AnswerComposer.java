package dev.junction.mock.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decides what the mock answers, deterministically, from the request and its directives.
 *
 * <ul>
 *   <li>Function calling: when the request declares functions, the conversation ends with user
 *       text (not function responses), {@code functionCallingConfig.mode} is not {@code NONE} and
 *       {@code mock:text} is absent, the answer is a call to {@code mock:call=NAME}, else the first
 *       of {@code allowedFunctionNames}, else the first declared function; {@code mock:parallel}
 *       adds a call to the next one. Arguments come from {@link SchemaInstance}.
 *   <li>After function responses: a text naming each function and the JSON it returned; or, while
 *       the current turn has fewer call steps than {@code mock:steps=N}, another call.
 *   <li>{@code responseMimeType: application/json}: JSON text, an instance of
 *       {@code responseJsonSchema}/{@code responseSchema}, else {@code {"name":"Junction mock","id":1}};
 *       {@code text/x.enum}: the schema's first enum value.
 *   <li>Otherwise a sentence naming the model and quoting the prompt's start, then one sentence per
 *       media part of the prompt; {@code mock:words=N} makes it exactly N words, and
 *       {@code mock:events=N} (or a hostile {@code ...-after=N}) lengthens it to enough words.
 * </ul>
 */
final class AnswerComposer {
    private static final String[] FILLER = (
            "and the mock keeps talking so that every stream has enough words to split into the events "
                    + "a test or a benchmark asked for while staying deterministic from one run to the next").split(" ");
    private static final int QUOTED_WORDS = 12;

    private AnswerComposer() {}

    static Answer compose(GenerateRequest request, MockModel model, Directives directives, PromptScan scan) {
        if (wantsCall(request, directives)) {
            return new Answer.Calls(calls(request, directives));
        }
        String mime = request.config(Keys.RESPONSE_MIME_TYPE).asText("text/plain").toLowerCase(Locale.ROOT);
        if (mime.equals("application/json")) {
            return new Answer.Text(GoogleJson.compact(jsonInstance(request)), true);
        }
        if (mime.equals("text/x.enum")) {
            JsonNode value = SchemaInstance.of(schema(request));
            return new Answer.Text(value.asText(), false);
        }
        String text = request.lastTurn() == GenerateRequest.LastTurn.FUNCTION_RESPONSES
                ? functionResults(request, model)
                : defaultText(request, model, scan);
        if (directives.words().isPresent()) {
            text = exactly(text, directives.words().getAsInt());
        } else if (directives.minimumEvents() > 0) {
            text = atLeast(text, directives.minimumEvents());
        }
        return new Answer.Text(text, false);
    }

    /** The start of the prompt, directives removed: at most {@value #QUOTED_WORDS} words, then "...". */
    static String quote(String prompt) {
        String stripped = DirectiveParser.strip(prompt);
        int words = 0;
        for (int i = 0; i < stripped.length(); i++) {
            // strip() leaves single spaces between words, so each space ends one
            if (stripped.charAt(i) == ' ' && ++words == QUOTED_WORDS) {
                return stripped.substring(0, i) + " ...";
            }
        }
        return stripped;
    }

    private static boolean wantsCall(GenerateRequest request, Directives directives) {
        if (request.declarations().isEmpty() || request.callingMode().equals("NONE") || directives.forceText()) {
            return false;
        }
        return switch (request.lastTurn()) {
            case USER_TEXT -> true;
            case FUNCTION_RESPONSES -> request.callStepsInCurrentTurn() < directives.steps();
            case MODEL -> false;
        };
    }

    private static List<Answer.Call> calls(GenerateRequest request, Directives directives) {
        List<JsonNode> candidates = request.declarations();
        if (!request.allowedFunctionNames().isEmpty()) {
            List<JsonNode> allowed = new ArrayList<>();
            for (JsonNode declaration : candidates) {
                if (request.allowedFunctionNames().contains(Keys.NAME.in(declaration).asText())) {
                    allowed.add(declaration);
                }
            }
            if (!allowed.isEmpty()) {
                candidates = allowed;
            }
        }
        int first = 0;
        if (directives.call().isPresent()) {
            first = indexOf(candidates, directives.call().get());
            if (first < 0) {
                throw new MockRequestException(GoogleErrorBodies.invalidArgument("Mock directive \"mock:call="
                        + directives.call().get() + "\" names no function this request declares (or allows)."));
            }
        }
        List<Answer.Call> calls = new ArrayList<>(2);
        calls.add(call(candidates.get(first)));
        if (directives.parallel()) {
            calls.add(call(candidates.get((first + 1) % candidates.size())));
        }
        return calls;
    }

    private static int indexOf(List<JsonNode> declarations, String name) {
        for (int i = 0; i < declarations.size(); i++) {
            if (Keys.NAME.in(declarations.get(i)).asText().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static Answer.Call call(JsonNode declaration) {
        JsonNode schema = Keys.PARAMETERS_JSON_SCHEMA.in(declaration);
        if (schema.isMissingNode()) {
            schema = Keys.PARAMETERS.in(declaration);
        }
        return new Answer.Call(Keys.NAME.in(declaration).asText(), SchemaInstance.of(schema));
    }

    private static JsonNode schema(GenerateRequest request) {
        JsonNode schema = request.config(Keys.RESPONSE_JSON_SCHEMA);
        return schema.isMissingNode() ? request.config(Keys.RESPONSE_SCHEMA) : schema;
    }

    private static JsonNode jsonInstance(GenerateRequest request) {
        JsonNode schema = schema(request);
        if (schema.isMissingNode() || schema.isNull()) {
            ObjectNode fixed = JsonNodeFactory.instance.objectNode();
            return fixed.put("name", "Junction mock").put("id", 1);
        }
        return SchemaInstance.of(schema);
    }

    private static String defaultText(GenerateRequest request, MockModel model, PromptScan scan) {
        String quoted = quote(request.prompt());
        StringBuilder text = new StringBuilder("This is the Junction mock of ").append(model.id()).append('.');
        if (quoted.isEmpty()) {
            text.append(" You sent no text.");
        } else {
            text.append(" You said: \"").append(quoted).append("\"");
        }
        for (MediaPart media : scan.promptMedia()) {
            text.append(' ').append(media.describe());
        }
        return text.toString();
    }

    private static String functionResults(GenerateRequest request, MockModel model) {
        StringBuilder text = new StringBuilder("This is the Junction mock of ").append(model.id()).append('.');
        for (JsonNode response : request.lastFunctionResponses()) {
            text.append(" Function ").append(Keys.NAME.in(response).asText("unnamed"))
                    .append(" returned ").append(GoogleJson.compact(Keys.RESPONSE.in(response))).append('.');
        }
        return text.toString();
    }

    private static String exactly(String text, int words) {
        List<String> pieces = TextChunks.split(text.strip(), Integer.MAX_VALUE, false);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < words; i++) {
            if (i < pieces.size()) {
                out.append(pieces.get(i));
            } else {
                out.append(' ').append(FILLER[(i - pieces.size()) % FILLER.length]);
            }
        }
        return out.toString();
    }

    private static String atLeast(String text, int words) {
        int have = TextChunks.words(text);
        return have >= words ? text : exactly(text, words);
    }
}
