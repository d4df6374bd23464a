package dev.junction.protocol.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.protocol.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@link StreamEvent} as one line of JSON and back: the {@code events.jsonl} form of golden
 * fixtures, also fit for debug logs. Keys: {@code type} ({@code started}, {@code text},
 * {@code reasoning}, {@code tool_call}, {@code signature}, {@code reasoning_signature},
 * {@code redacted_reasoning}, {@code finished}, {@code usage},
 * {@code blocked}, {@code failed}) plus the event's fields; absent optionals are left out.
 */
public final class StreamEventJson {
    private StreamEventJson() {}

    public static String write(StreamEvent event) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        switch (event) {
            case StreamEvent.Started s -> {
                out.put("type", "started");
                s.responseId().ifPresent(v -> out.put("responseId", v));
                s.modelVersion().ifPresent(v -> out.put("modelVersion", v));
            }
            case StreamEvent.TextDelta t -> out.put("type", "text").put("choice", t.choice()).put("text", t.text());
            case StreamEvent.ReasoningDelta r -> out.put("type", "reasoning").put("choice", r.choice()).put("text", r.text());
            case StreamEvent.ToolCallDelta c -> {
                out.put("type", "tool_call").put("choice", c.choice()).put("id", c.call().id())
                        .put("name", c.call().name()).put("arguments", c.call().argumentsJson());
                c.call().signature().ifPresent(v -> out.put("signature", v));
            }
            case StreamEvent.SignatureDelta s -> out.put("type", "signature").put("choice", s.choice())
                    .put("signature", s.signature());
            case StreamEvent.ReasoningSignature s -> out.put("type", "reasoning_signature").put("choice", s.choice())
                    .put("signature", s.signature());
            case StreamEvent.RedactedReasoning r -> out.put("type", "redacted_reasoning").put("choice", r.choice())
                    .put("data", r.data());
            case StreamEvent.Logprobs l -> {
                out.put("type", "logprobs").put("choice", l.choice());
                var tokens = out.putArray("tokens");
                for (TokenLogprob t : l.tokens()) {
                    var token = tokens.addObject().put("token", t.token()).put("logprob", t.logprob());
                    var top = token.putArray("top");
                    t.top().forEach(alt -> top.addObject().put("token", alt.token()).put("logprob", alt.logprob()));
                }
            }
            case StreamEvent.Finished f -> {
                out.put("type", "finished").put("choice", f.choice()).put("reason", f.reason().name());
                f.nativeReason().ifPresent(v -> out.put("nativeReason", v));
                f.stopSequence().ifPresent(v -> out.put("stopSequence", v));
            }
            case StreamEvent.UsageReport u -> {
                out.put("type", "usage")
                        .put("prompt", u.usage().promptTokens()).put("cached", u.usage().cachedTokens())
                        .put("toolPrompt", u.usage().toolPromptTokens()).put("output", u.usage().outputTokens())
                        .put("thoughts", u.usage().thoughtTokens()).put("total", u.usage().totalTokens());
                if (u.usage().cacheWriteTokens() != 0) {
                    out.put("cacheWrite", u.usage().cacheWriteTokens());
                }
            }
            case StreamEvent.Blocked b -> {
                out.put("type", "blocked").put("reason", b.block().reason());
                b.block().message().ifPresent(v -> out.put("message", v));
            }
            case StreamEvent.Failed f -> {
                out.put("type", "failed").put("kind", f.error().kind().name()).put("message", f.error().message());
                f.error().param().ifPresent(v -> out.put("param", v));
                f.error().code().ifPresent(v -> out.put("code", v));
                f.error().retryAfter().ifPresent(v -> out.put("retryAfterMillis", v.toMillis()));
            }
        }
        return out.toString();
    }

    /** @throws IllegalArgumentException when {@code line} is not an event written by {@link #write} */
    public static StreamEvent read(String line) {
        JsonNode in;
        try {
            in = Json.MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + line, e);
        }
        int choice = in.path("choice").asInt();
        return switch (in.path("type").asText()) {
            case "started" -> new StreamEvent.Started(opt(in, "responseId"), opt(in, "modelVersion"));
            case "text" -> new StreamEvent.TextDelta(choice, in.path("text").asText());
            case "reasoning" -> new StreamEvent.ReasoningDelta(choice, in.path("text").asText());
            case "tool_call" -> new StreamEvent.ToolCallDelta(choice, new Part.ToolCall(in.path("id").asText(),
                    in.path("name").asText(), in.path("arguments").asText(), opt(in, "signature")));
            case "signature" -> new StreamEvent.SignatureDelta(choice, in.path("signature").asText());
            case "reasoning_signature" -> new StreamEvent.ReasoningSignature(choice, in.path("signature").asText());
            case "redacted_reasoning" -> new StreamEvent.RedactedReasoning(choice, in.path("data").asText());
            case "logprobs" -> {
                List<TokenLogprob> tokens = new ArrayList<>();
                for (var t : in.path("tokens")) {
                    List<TokenLogprob> top = new ArrayList<>();
                    t.path("top").forEach(alt -> top.add(new TokenLogprob(alt.path("token").asText(),
                            alt.path("logprob").asDouble(), List.of())));
                    tokens.add(new TokenLogprob(t.path("token").asText(), t.path("logprob").asDouble(), top));
                }
                yield new StreamEvent.Logprobs(choice, tokens);
            }
            case "finished" -> new StreamEvent.Finished(choice, FinishReason.valueOf(in.path("reason").asText()),
                    opt(in, "nativeReason"), opt(in, "stopSequence"));
            case "usage" -> new StreamEvent.UsageReport(new Usage(in.path("prompt").asInt(), in.path("cached").asInt(),
                    in.path("toolPrompt").asInt(), in.path("output").asInt(), in.path("thoughts").asInt(),
                    in.path("total").asInt(), in.path("cacheWrite").asInt()));
            case "blocked" -> new StreamEvent.Blocked(new PromptBlock(in.path("reason").asText(), opt(in, "message")));
            case "failed" -> new StreamEvent.Failed(new GatewayError(GatewayError.Kind.valueOf(in.path("kind").asText()),
                    in.path("message").asText(), opt(in, "param"), opt(in, "code"),
                    in.has("retryAfterMillis") ? Optional.of(Duration.ofMillis(in.get("retryAfterMillis").asLong()))
                            : Optional.empty()));
            default -> throw new IllegalArgumentException("unknown event type: " + line);
        };
    }

    private static Optional<String> opt(JsonNode in, String key) {
        return in.path(key).isTextual() ? Optional.of(in.get(key).textValue()) : Optional.empty();
    }
}
