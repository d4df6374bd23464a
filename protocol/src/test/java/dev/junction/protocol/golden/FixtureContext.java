package dev.junction.protocol.golden;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.protocol.model.StreamContext;
import java.nio.file.Files;
import java.nio.file.Path;

/** The caller's side of a response or stream fixture: {@code context.json} if present, else defaults. */
final class FixtureContext {
    private FixtureContext() {}

    static StreamContext of(Path dir) {
        Path file = dir.resolve("context.json");
        JsonNode json = Files.exists(file) ? Golden.readJson(file) : com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        return new StreamContext(
                json.path("id").asText("chatcmpl-golden"),
                json.path("created").asLong(1760000000L),
                json.path("model").asText("gemini-2.5-flash"),
                json.path("include_usage").asBoolean(false),
                json.path("include_reasoning").asBoolean(true));
    }
}
