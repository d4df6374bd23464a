package dev.junction.protocol.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.Usage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One chunk of an OpenAI-compatible stream on its way to an OpenAI client unchanged, looked at on
 * the side: the usage it reports, whether it is an error, whether a choice finished. When Junction
 * asked for usage and the client did not ({@link OpenAiPassthrough}), the usage-only chunk is
 * taken out and the {@code "usage": null} the vendor then adds to every chunk is removed, so the
 * client reads the stream it asked for. Everything else goes out byte for byte.
 */
public final class OpenAiPassthroughChunks {
    /**
     * What to do with one chunk.
     *
     * @param forward the bytes of the {@code data} to send on; empty to send nothing
     * @param usage the usage the chunk reports
     * @param error the error the chunk is, if it is one (its bytes are then not to be sent as they are)
     * @param finishes whether a choice finished in it
     */
    public record Inspection(Optional<byte[]> forward, Optional<Usage> usage, Optional<GatewayError> error,
            boolean finishes) {}

    private OpenAiPassthroughChunks() {}

    /** @param clientWantsUsage whether the client asked for the usage chunk itself */
    public static Inspection inspect(byte[] data, boolean clientWantsUsage) {
        JsonNode chunk;
        try {
            chunk = Json.MAPPER.readTree(data);
        } catch (IOException e) {
            return failure(GatewayError.of(GatewayError.Kind.UPSTREAM_ERROR,
                    "the upstream sent a stream chunk that is not JSON"));
        }
        if (chunk == null || !chunk.isObject()) {
            return failure(GatewayError.of(GatewayError.Kind.UPSTREAM_ERROR,
                    "the upstream sent a stream chunk that is not a JSON object"));
        }
        if (chunk.has("error") && !chunk.get("error").isNull()) {
            return failure(OpenAiErrorDecoder.decodeEvent(chunk));
        }
        Optional<Usage> usage = chunk.path("usage").isObject() ? Optional.of(OpenAiUsage.read(chunk.get("usage")))
                : Optional.empty();
        boolean finishes = false;
        for (JsonNode choice : chunk.path("choices")) {
            finishes |= choice.path("finish_reason").isTextual();
        }
        boolean oneLine = !containsLineBreak(data);
        if ((clientWantsUsage || !chunk.has("usage")) && oneLine) {
            return new Inspection(Optional.of(data), usage, Optional.empty(), finishes);
        }
        if (!clientWantsUsage && usage.isPresent() && chunk.path("choices").isEmpty()) {
            return new Inspection(Optional.empty(), usage, Optional.empty(), finishes);
        }
        if (!clientWantsUsage) {
            ((ObjectNode) chunk).remove("usage");
        }
        try {
            return new Inspection(Optional.of(Json.MAPPER.writeValueAsBytes(chunk)), usage, Optional.empty(), finishes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether a chunk's data is the end marker. */
    public static boolean isDone(byte[] data) {
        return new String(data, StandardCharsets.UTF_8).trim().equals("[DONE]");
    }

    /** A chunk whose data spans lines (pretty-printed JSON) goes out compacted, as one {@code data:} line. */
    private static boolean containsLineBreak(byte[] data) {
        for (byte b : data) {
            if (b == '\n' || b == '\r') {
                return true;
            }
        }
        return false;
    }

    private static Inspection failure(GatewayError error) {
        return new Inspection(Optional.empty(), Optional.empty(), Optional.of(error), false);
    }
}
