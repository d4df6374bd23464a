package dev.junction.protocol.openai;

import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.PromptBlock;

/**
 * What an OpenAI client is told when Gemini refuses the prompt itself
 * ({@code promptFeedback.blockReason}, no candidates).
 *
 * <p>A complete (non-streamed) answer is a 400 {@code invalid_request_error} with code
 * {@code content_filter} and {@code param: "messages"}: that is how Azure OpenAI reports a
 * filtered prompt, so OpenAI clients already handle it, the SDKs raise it as a
 * {@code BadRequestError} that names the reason, and nobody mistakes it for an empty success.
 * A stream has already answered 200 when the block arrives, so there it is an assistant
 * {@code refusal} delta with this message and {@code finish_reason: "content_filter"}.
 */
final class OpenAiPromptBlocks {
    private OpenAiPromptBlocks() {}

    static String message(PromptBlock block) {
        return "The prompt was blocked by Gemini's safety filters (blockReason: " + block.reason() + ")"
                + block.message().map(m -> ": " + m).orElse(".");
    }

    static GatewayError error(PromptBlock block) {
        return GatewayError.invalid("messages", message(block)).withCode("content_filter");
    }
}
