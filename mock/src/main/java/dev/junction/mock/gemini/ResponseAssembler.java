package dev.junction.mock.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Shapes an {@link Answer} into Gemini's {@code GenerateContentResponse}s: one unary body, or the
 * events of a stream, following the recordings (PROTOCOLS §1.4, §1.5, §2.4):
 *
 * <ul>
 *   <li>Streams: thought summaries first (when {@code includeThoughts}), then answer deltas;
 *       {@code usageMetadata} cumulative on every event; the same {@code responseId} everywhere;
 *       {@code finishReason} only on the last event.
 *   <li>Gemini 3: the first {@code functionCall} part carries a {@code thoughtSignature}; a streamed
 *       call is followed by a final {@code {"text": ""}} event with the {@code finishReason}; a
 *       streamed text ends with a final {@code {"text": "", "thoughtSignature": ...}} event, a unary
 *       text carries the signature on its last part; unary calls add
 *       {@code finishMessage: "Model generated function call(s)."}.
 *   <li>Gemini 2.5 thinking with function declarations: the signature goes on the first
 *       non-thought part, whatever its kind.
 *   <li>{@code maxOutputTokens} counts thoughts too: a text answer that does not fit is cut and
 *       ends with {@code MAX_TOKENS}, with no parts at all when the thoughts used up the budget.
 *   <li>{@code candidateCount} N: every response (each stream event too) holds N candidates, each
 *       with its {@code index}; the mock being deterministic, they say the same thing, and
 *       {@code candidatesTokenCount} counts all of them.
 * </ul>
 */
final class ResponseAssembler {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String CALLS_MESSAGE = "Model generated function call(s).";

    private final MockModel model;
    private final String responseId;
    private final PromptScan scan;
    private final ThinkingPlan thinking;
    private final ThoughtSignatures signatures;
    private final boolean signFirstPart;
    private final String prompt;
    private final com.fasterxml.jackson.databind.node.ArrayNode promptDetails;
    private final Answer answer;
    private final String finishReason;
    private final int candidateCount;

    ResponseAssembler(MockModel model, String responseId, PromptScan scan, ThinkingPlan thinking,
                      ThoughtSignatures signatures, boolean declaresFunctions, String prompt, Answer answer,
                      Optional<String> finishOverride, OptionalInt maxOutputTokens, int candidateCount) {
        this.model = model;
        this.responseId = responseId;
        this.scan = scan;
        this.promptDetails = scan.details(); // shared by every event: serialized, never mutated
        this.thinking = thinking;
        this.signatures = signatures;
        this.signFirstPart = !model.gemini3() && thinking.on() && declaresFunctions;
        this.prompt = prompt;
        String natural = "STOP";
        if (answer instanceof Answer.Text text && maxOutputTokens.isPresent()) {
            int room = maxOutputTokens.getAsInt() - thinking.thoughtTokens();
            if (tokens(text) > room) {
                natural = "MAX_TOKENS";
                answer = room <= 0 ? new Answer.Text("", text.json()) : cut(text, room);
            }
        }
        this.answer = answer;
        this.finishReason = finishOverride.orElse(natural);
        this.candidateCount = candidateCount;
    }

    /** The body of a unary {@code generateContent}. */
    ObjectNode unary() {
        ArrayNode parts = NODES.arrayNode();
        if (thinking.includeThoughts() && thinking.on()) {
            parts.addObject().put("text", summary(0) + summary(1)).put("thought", true);
        }
        int candidates = 0;
        switch (answer) {
            case Answer.Text text -> {
                if (!text.text().isEmpty()) {
                    ObjectNode part = parts.addObject().put("text", text.text());
                    if (signFirstPart || model.gemini3()) {
                        // 2.5: the first non-thought part; 3: the last part. Here they are the same part.
                        part.put("thoughtSignature", signatures.forText(responseId, text.text()));
                    }
                }
                candidates = tokens(text);
            }
            case Answer.Calls calls -> {
                addCalls(parts, calls);
                candidates = tokens(calls);
            }
        }
        ObjectNode candidate = candidate(parts, true);
        if (model.gemini3() && answer instanceof Answer.Calls) {
            candidate.put("finishMessage", CALLS_MESSAGE);
        }
        return response(candidate, candidates, thinking.thoughtTokens());
    }

    /** The events of a {@code streamGenerateContent}; {@code textEvents} answer deltas for a text answer. */
    List<JsonNode> stream(int textEvents) {
        List<JsonNode> events = new ArrayList<>(textEvents + 3);
        if (thinking.includeThoughts() && thinking.on()) {
            int half = Math.max(1, thinking.thoughtTokens() / 2);
            events.add(thoughtEvent(summary(0), half));
            events.add(thoughtEvent(summary(1), thinking.thoughtTokens()));
        }
        int thoughts = thinking.thoughtTokens();
        switch (answer) {
            case Answer.Text text when text.text().isEmpty() -> {
                events.add(response(candidate(NODES.arrayNode(), true), 0, thoughts));
                return events;
            }
            case Answer.Text text -> {
                List<String> deltas = TextChunks.split(text.text(), textEvents, text.json());
                int sentTokens = 0;
                int sentChars = 0;
                for (int i = 0; i < deltas.size(); i++) {
                    String delta = deltas.get(i);
                    // deltas are cut at word starts, so word counts add up
                    sentTokens += text.json() ? 0 : TextChunks.words(delta);
                    sentChars += delta.length();
                    ArrayNode parts = NODES.arrayNode();
                    ObjectNode part = parts.addObject().put("text", delta);
                    if (i == 0 && signFirstPart) {
                        part.put("thoughtSignature", signatures.forText(responseId, text.text()));
                    }
                    boolean last = i == deltas.size() - 1 && !model.gemini3();
                    events.add(response(candidate(parts, last), text.json() ? (sentChars + 3) / 4 : sentTokens, thoughts));
                }
                if (model.gemini3()) {
                    ArrayNode parts = NODES.arrayNode();
                    parts.addObject().put("text", "").put("thoughtSignature", signatures.forText(responseId, text.text()));
                    events.add(response(candidate(parts, true), tokens(text), thoughts));
                }
            }
            case Answer.Calls calls -> {
                ArrayNode parts = NODES.arrayNode();
                addCalls(parts, calls);
                events.add(response(candidate(parts, !model.gemini3()), tokens(calls), thoughts));
                if (model.gemini3()) {
                    ArrayNode end = NODES.arrayNode();
                    end.addObject().put("text", "");
                    events.add(response(candidate(end, true), tokens(calls), thoughts));
                }
            }
        }
        return events;
    }

    private void addCalls(ArrayNode parts, Answer.Calls calls) {
        for (int i = 0; i < calls.calls().size(); i++) {
            Answer.Call call = calls.calls().get(i);
            ObjectNode part = parts.addObject();
            part.putObject("functionCall").put("name", call.name()).set("args", call.args());
            if (i == 0 && (model.gemini3() || signFirstPart)) {
                part.put("thoughtSignature", signatures.forCall(responseId, call.name(), call.args()));
            }
        }
    }

    private JsonNode thoughtEvent(String summary, int thoughts) {
        ArrayNode parts = NODES.arrayNode();
        parts.addObject().put("text", summary).put("thought", true);
        return response(candidate(parts, false), 0, thoughts);
    }

    private ObjectNode candidate(ArrayNode parts, boolean last) {
        ObjectNode candidate = NODES.objectNode();
        ObjectNode content = candidate.putObject("content");
        if (!parts.isEmpty()) {
            content.set("parts", parts);
        }
        content.put("role", "model");
        if (last) {
            candidate.put("finishReason", finishReason);
        }
        if (model.writesCandidateIndex()) {
            candidate.put("index", 0);
        }
        if (last && finishReason.equals("SAFETY")) {
            candidate.set("safetyRatings", SafetyRatings.forFinish());
        }
        return candidate;
    }

    private ObjectNode response(ObjectNode candidate, int tokensPerCandidate, int thoughts) {
        ObjectNode response = NODES.objectNode();
        ArrayNode all = response.putArray("candidates");
        if (candidateCount == 1) {
            all.add(candidate);
        } else {
            for (int i = 0; i < candidateCount; i++) {
                all.add(candidate.deepCopy().put("index", i));
            }
        }
        int candidates = tokensPerCandidate * candidateCount;
        ObjectNode usage = response.putObject("usageMetadata");
        usage.put("promptTokenCount", scan.promptTokens());
        if (candidates > 0) {
            usage.put("candidatesTokenCount", candidates);
        }
        usage.put("totalTokenCount", scan.promptTokens() + candidates + thoughts);
        usage.set("promptTokensDetails", promptDetails);
        if (thoughts > 0) {
            usage.put("thoughtsTokenCount", thoughts);
        }
        response.put("modelVersion", model.id());
        response.put("responseId", responseId);
        return response;
    }

    private String summary(int index) {
        return switch (index) {
            case 0 -> "**Reading the request**\n\nThe user wrote \"" + AnswerComposer.quote(prompt) + "\". I am the Junction mock of "
                    + model.id() + ", so my answer is scripted and the same every time.\n\n\n";
            default -> "**Composing the answer**\n\n" + switch (answer) {
                case Answer.Calls calls -> "I will call `" + calls.calls().get(0).name() + "` with arguments built "
                        + "from its schema.";
                case Answer.Text text when text.json() -> "I will answer with JSON that fits the requested schema.";
                case Answer.Text text -> "I will answer in text and quote the prompt back.";
            } + "\n\n\n";
        };
    }

    static int tokens(Answer.Text text) {
        return text.json() ? (text.text().length() + 3) / 4 : TextChunks.words(text.text());
    }

    private static int tokens(Answer.Calls calls) {
        int chars = 0;
        for (Answer.Call call : calls.calls()) {
            chars += call.name().length() + call.args().toString().length();
        }
        return Math.max(1, (chars + 3) / 4);
    }

    private static Answer.Text cut(Answer.Text text, int room) {
        if (text.json()) {
            return new Answer.Text(text.text().substring(0, Math.min(text.text().length(), room * 4)), true);
        }
        List<String> words = TextChunks.split(text.text(), Integer.MAX_VALUE, false);
        return new Answer.Text(String.join("", words.subList(0, Math.min(room, words.size()))), false);
    }
}
