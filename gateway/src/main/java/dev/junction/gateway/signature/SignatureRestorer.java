package dev.junction.gateway.signature;

import dev.junction.protocol.model.ChatRequest;
import dev.junction.protocol.model.ChatResponse;
import dev.junction.protocol.model.Choice;
import dev.junction.protocol.model.Message;
import dev.junction.protocol.model.Part;
import dev.junction.protocol.model.Role;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts thought signatures back on the tool calls of a conversation, and remembers the ones a
 * response carries. A signature the client sent back itself (in {@code extra_content}) wins; a
 * call that arrives without one gets the one Junction stored when it returned that call.
 */
public final class SignatureRestorer {
    private final ThoughtSignatureStore store;

    public SignatureRestorer(ThoughtSignatureStore store) {
        this.store = store;
    }

    /** The request with stored signatures on the assistant tool calls that lack one. */
    public ChatRequest restore(String tokenId, ChatRequest request) {
        boolean changed = false;
        List<Message> messages = new ArrayList<>(request.messages().size());
        for (Message message : request.messages()) {
            if (message.role() != Role.ASSISTANT) {
                messages.add(message);
                continue;
            }
            List<Part> parts = new ArrayList<>(message.parts().size());
            for (Part part : message.parts()) {
                if (part instanceof Part.ToolCall call && call.signature().isEmpty()) {
                    var stored = store.get(tokenId, call.id());
                    if (stored.isPresent()) {
                        part = new Part.ToolCall(call.id(), call.name(), call.argumentsJson(), stored);
                        changed = true;
                    }
                }
                parts.add(part);
            }
            messages.add(new Message(message.role(), parts));
        }
        if (!changed) {
            return request;
        }
        return new ChatRequest(request.model(), request.system(), messages, request.tools(), request.toolChoice(),
                request.sampling(), request.reasoning(), request.responseFormat(), request.stream(),
                request.includeUsage(), request.vendorOptions());
    }

    /** Remembers the signatures of the tool calls in a response. */
    public void remember(String tokenId, ChatResponse response) {
        for (Choice choice : response.choices()) {
            for (Part part : choice.parts()) {
                if (part instanceof Part.ToolCall call) {
                    remember(tokenId, call);
                }
            }
        }
    }

    public void remember(String tokenId, Part.ToolCall call) {
        call.signature().ifPresent(signature -> store.put(tokenId, call.id(), signature));
    }
}
