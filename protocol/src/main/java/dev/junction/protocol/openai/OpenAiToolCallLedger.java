package dev.junction.protocol.openai;

import dev.junction.protocol.model.Part;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The tool calls an OpenAI conversation has made so far, so that a {@code tool} message can be
 * matched to its call and get back the function name Gemini needs on a {@code functionResponse}.
 *
 * <p>Ids are not always unique: Google's own OpenAI endpoint has been seen sending {@code ""} for
 * every call, and clients echo that. A result therefore answers the first unanswered call with
 * its id, and only when all are answered one of the answered ones (a repeated result).
 */
final class OpenAiToolCallLedger {
    private final List<Part.ToolCall> calls = new ArrayList<>();
    private final List<Boolean> answered = new ArrayList<>();

    /** The id a legacy {@code function_call} gets: OpenAI gave it none, and the result names it by name only. */
    static String legacyId(int messageIndex) {
        return "function_call_" + messageIndex;
    }

    Part.ToolCall record(String id, String name, String arguments, Optional<String> signature) {
        Part.ToolCall call = new Part.ToolCall(id, name, arguments, signature);
        calls.add(call);
        answered.add(false);
        return call;
    }

    Optional<Part.ToolCall> answer(String id) {
        return answerFirst(call -> call.id().equals(id));
    }

    Optional<Part.ToolCall> answerByName(String name) {
        return answerFirst(call -> call.name().equals(name));
    }

    private Optional<Part.ToolCall> answerFirst(Predicate<Part.ToolCall> matches) {
        Part.ToolCall repeated = null;
        for (int i = 0; i < calls.size(); i++) {
            Part.ToolCall call = calls.get(i);
            if (matches.test(call)) {
                if (!answered.get(i)) {
                    answered.set(i, true);
                    return Optional.of(call);
                }
                repeated = call;
            }
        }
        return Optional.ofNullable(repeated);
    }
}
