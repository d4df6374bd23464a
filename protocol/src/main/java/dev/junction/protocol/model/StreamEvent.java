package dev.junction.protocol.model;

import java.util.List;
import java.util.Optional;

/**
 * What happens in a streamed answer, in Junction's own terms. A vendor's stream decoder turns
 * wire events into these; a client protocol's stream encoder turns these into wire events.
 * {@code choice} is the candidate index.
 */
public sealed interface StreamEvent {

    /** The first upstream event arrived. */
    record Started(Optional<String> responseId, Optional<String> modelVersion) implements StreamEvent {}

    record TextDelta(int choice, String text) implements StreamEvent {}

    record ReasoningDelta(int choice, String text) implements StreamEvent {}

    /** A whole function call (Gemini sends each call complete, in one event). */
    record ToolCallDelta(int choice, Part.ToolCall call) implements StreamEvent {}

    /** A thought signature carried by a text part (often an empty one at the end of a Gemini 3 stream). */
    record SignatureDelta(int choice, String signature) implements StreamEvent {}

    /** A signature sealing the thought summary just streamed (Anthropic's {@code signature_delta}). */
    record ReasoningSignature(int choice, String signature) implements StreamEvent {}

    /** Encrypted thinking (Anthropic's {@code redacted_thinking}), whole; never shown. */
    record RedactedReasoning(int choice, String data) implements StreamEvent {}

    /** The log probabilities of the tokens of the text just relayed, when the caller asked for them. */
    record Logprobs(int choice, List<TokenLogprob> tokens) implements StreamEvent {
        public Logprobs {
            tokens = List.copyOf(tokens);
        }
    }

    /**
     * The choice ended. Tool-call endings are already told apart from plain stops;
     * {@code stopSequence} is the caller's stop sequence that ended it, when the vendor says.
     */
    record Finished(int choice, FinishReason reason, Optional<String> nativeReason, Optional<String> stopSequence)
            implements StreamEvent {
        public Finished(int choice, FinishReason reason, Optional<String> nativeReason) {
            this(choice, reason, nativeReason, Optional.empty());
        }
    }

    /** Usage so far; the last one of a stream holds the totals. */
    record UsageReport(Usage usage) implements StreamEvent {}

    /** The vendor refused the prompt; no choice follows. */
    record Blocked(PromptBlock block) implements StreamEvent {}

    /** The upstream failed after the stream had started. */
    record Failed(GatewayError error) implements StreamEvent {}
}
