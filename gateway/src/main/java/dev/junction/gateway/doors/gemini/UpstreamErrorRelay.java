package dev.junction.gateway.doors.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.junction.gateway.context.Exchange;
import dev.junction.gateway.relay.UpstreamErrorException;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.GatewayError;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Relays a Gemini upstream's error to a Gemini-native client as Google sent it: same status,
 * same {@code error} object (its {@code details} too, such as {@code RetryInfo} and
 * {@code QuotaFailure}), minus what must not leave: {@code DebugInfo} details and any copy of
 * the operator's credential. Two exceptions are answered in Junction's words instead: a
 * rejected upstream credential (the operator's fault: 502, never a 4xx that blames the
 * client's token), and a body that is not a Google error at all (an HTML page from a proxy).
 */
final class UpstreamErrorRelay {
    private UpstreamErrorRelay() {}

    /** Answers the client and ends the exchange. */
    static void relay(Exchange exchange, UpstreamErrorException e, UnaryOperator<String> scrub) {
        GatewayError error = e.error();
        Optional<byte[]> body = error.kind() == GatewayError.Kind.UPSTREAM_AUTH ? Optional.empty()
                : clean(e.upstreamBody(), scrub);
        if (body.isEmpty()) {
            exchange.fail(e);
            return;
        }
        exchange.error(error);
        exchange.status(e.upstreamStatus());
        error.retryAfter().ifPresent(d -> exchange.downstream().header("Retry-After",
                Long.toString(Math.max(1, (d.toMillis() + 999) / 1000))));
        exchange.downstream().send(e.upstreamStatus(), "application/json; charset=UTF-8", body.get());
        exchange.finish();
    }

    static Optional<byte[]> clean(byte[] body, UnaryOperator<String> scrub) {
        try {
            JsonNode root = Json.MAPPER.readTree(body);
            if (root == null || !root.path("error").isObject()) {
                return Optional.empty();
            }
            ObjectNode error = (ObjectNode) root.get("error");
            if (error.path("details").isArray()) {
                ArrayNode kept = Json.MAPPER.createArrayNode();
                for (JsonNode detail : error.get("details")) {
                    if (!detail.path("@type").asText("").endsWith("google.rpc.DebugInfo")) {
                        kept.add(detail);
                    }
                }
                error.set("details", kept);
            }
            ObjectNode clean = Json.MAPPER.createObjectNode();
            clean.set("error", scrubbed(error, scrub));
            return Optional.of(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(clean));
        } catch (IOException | RuntimeException ex) {
            return Optional.empty();
        }
    }

    private static JsonNode scrubbed(JsonNode node, UnaryOperator<String> scrub) {
        if (node.isTextual()) {
            return TextNode.valueOf(scrub.apply(node.asText()));
        }
        if (node.isObject()) {
            ObjectNode copy = Json.MAPPER.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                copy.set(field.getKey(), scrubbed(field.getValue(), scrub));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = Json.MAPPER.createArrayNode();
            node.forEach(element -> copy.add(scrubbed(element, scrub)));
            return copy;
        }
        return node;
    }
}
