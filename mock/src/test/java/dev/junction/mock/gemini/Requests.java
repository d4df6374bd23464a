package dev.junction.mock.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Builders for the requests the behaviour tests send. */
final class Requests {
    static final MockBehaviour BEHAVIOUR = new MockBehaviour(ModelCatalogue.DEFAULT,
            "test-secret".getBytes(StandardCharsets.UTF_8));

    private Requests() {}

    static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code {"contents":[{"role":"user","parts":[{"text": prompt}]}]}} */
    static ObjectNode prompt(String prompt) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.putArray("contents").addObject().put("role", "user").putArray("parts").addObject().put("text", prompt);
        return root;
    }

    static ObjectNode withWeatherTool(ObjectNode request) {
        ArrayNode tools = request.putArray("tools");
        tools.add(json("""
                {"functionDeclarations": [
                  {"name": "get_weather", "description": "Weather by city",
                   "parameters": {"type": "OBJECT", "properties": {
                      "city": {"type": "STRING"},
                      "unit": {"type": "STRING", "enum": ["celsius", "fahrenheit"]},
                      "days": {"type": "INTEGER"},
                      "detailed": {"type": "BOOLEAN"}},
                    "required": ["city"]}},
                  {"name": "get_time", "parameters": {"type": "OBJECT", "properties": {"zone": {"type": "STRING"}}}}
                ]}"""));
        return request;
    }

    static MockReply unary(String model, JsonNode body) {
        return BEHAVIOUR.plan(new MockCall("v1beta", model, ApiMethod.GENERATE_CONTENT, body, Optional.of("key-1")));
    }

    static MockReply stream(String model, JsonNode body) {
        return BEHAVIOUR.plan(new MockCall("v1beta", model, ApiMethod.STREAM_GENERATE_CONTENT, body,
                Optional.of("key-1")));
    }

    static MockReply.Json ok(MockReply reply) {
        if (!(reply instanceof MockReply.Json json) || json.status() != 200) {
            throw new AssertionError("expected a 200 JSON reply, got " + describe(reply));
        }
        return json;
    }

    static MockReply.Stream okStream(MockReply reply) {
        if (!(reply instanceof MockReply.Stream stream)) {
            throw new AssertionError("expected a stream, got " + describe(reply));
        }
        return stream;
    }

    static MockReply.Json error(MockReply reply, int status) {
        if (!(reply instanceof MockReply.Json json) || json.status() != status) {
            throw new AssertionError("expected HTTP " + status + ", got " + describe(reply));
        }
        return json;
    }

    static String describe(MockReply reply) {
        return reply instanceof MockReply.Json json ? json.status() + " " + json.body() : reply.toString();
    }

    /** The concatenated non-thought text of a response's first candidate. */
    static String text(JsonNode response) {
        StringBuilder text = new StringBuilder();
        for (JsonNode part : response.path("candidates").path(0).path("content").path("parts")) {
            if (!part.path("thought").asBoolean(false)) {
                text.append(part.path("text").asText(""));
            }
        }
        return text.toString();
    }
}
