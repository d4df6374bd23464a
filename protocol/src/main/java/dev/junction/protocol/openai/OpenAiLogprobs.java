package dev.junction.protocol.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.TokenLogprob;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A choice's {@code logprobs} object as Chat Completions has it: {@code content} holds one entry
 * per token with {@code token}, {@code logprob}, {@code bytes} (the token's UTF-8 bytes, as
 * integers) and {@code top_logprobs} (the alternatives in the same shape without their own);
 * {@code refusal} is {@code null}, as Junction relays no refusal tokens.
 */
public final class OpenAiLogprobs {
    private OpenAiLogprobs() {
    }

    public static ObjectNode toJson(List<TokenLogprob> tokens) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode content = out.putArray("content");
        for (TokenLogprob token : tokens) {
            ObjectNode entry = entry(token);
            ArrayNode top = entry.putArray("top_logprobs");
            token.top().forEach(alternative -> top.add(entry(alternative)));
            content.add(entry);
        }
        out.putNull("refusal");
        return out;
    }

    private static ObjectNode entry(TokenLogprob token) {
        ObjectNode entry = Json.MAPPER.createObjectNode();
        entry.put("token", token.token());
        entry.put("logprob", token.logprob());
        ArrayNode bytes = entry.putArray("bytes");
        for (byte b : token.token().getBytes(StandardCharsets.UTF_8)) {
            bytes.add(b & 0xff);
        }
        return entry;
    }
}
