package dev.junction.protocol.openai.responses;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.protocol.model.ChatRequest;

/**
 * A Responses API request, decoded.
 *
 * @param chat the request in Junction's canonical terms
 * @param echo the request parameters a {@code response} object repeats back ({@code instructions},
 *     {@code tools}, {@code tool_choice}, {@code reasoning}, {@code text}, {@code temperature}, ...),
 *     as OpenAI spells them, defaults filled in; see {@link ResponsesEnvelope}
 * @param encryptedReasoning whether the caller asked for {@code reasoning.encrypted_content} in
 *     {@code include}: then the vendor's seal on a thought (a Gemini thought signature, an
 *     Anthropic thinking signature) is returned in the reasoning item, to be sent back as it came
 */
public record ResponsesRequest(ChatRequest chat, ObjectNode echo, boolean encryptedReasoning) {}
