package dev.junction.mock.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A request exactly as the mock received it, for tests that assert what the gateway sent upstream
 * (body intact, model, credentials, {@code thinkingConfig}...).
 *
 * @param sequence     1 for the first request the server received, counting on
 * @param method       the HTTP method
 * @param pathAndQuery the raw path with its raw query, e.g. {@code /v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse}
 * @param headers      every header, names in lower case, values in arrival order
 * @param body         the body bytes (empty when there was none)
 */
public record ReceivedRequest(long sequence, String method, String pathAndQuery, Map<String, List<String>> headers,
                              byte[] body) {

    public ReceivedRequest {
        headers = Map.copyOf(headers);
    }

    /** A copy: the recorded bytes stay as received. */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The first value of a header, by case-insensitive name. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The path without the query. */
    public String path() {
        int q = pathAndQuery.indexOf('?');
        return q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body parsed as JSON; fails with {@link UncheckedIOException} when it is not JSON. */
    public JsonNode bodyJson() {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return method + " " + pathAndQuery + " (" + body.length + " bytes)";
    }
}
