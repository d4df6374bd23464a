package dev.junction.gateway.filter;

import dev.junction.gateway.context.InboundRequest;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayException;
import io.vertx.core.Future;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a request body, refusing more than the configured limit and anything that is not JSON.
 * A body sent as {@code application/x-www-form-urlencoded} (what {@code curl -d} says when no
 * {@code Content-Type} is given) is taken when it is a JSON object, as OpenAI's API takes it.
 */
public final class BodyReader {
    private final long maxBytes;

    public BodyReader(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * The body; fails with {@code INVALID_REQUEST} when the content type is not JSON, the body is
     * empty, or it is longer than the limit (the rest is not read).
     */
    public Future<byte[]> read(InboundRequest request) {
        Optional<String> contentType = request.header("Content-Type");
        boolean curlDefault = contentType.map(BodyReader::isCurlDefault).orElse(false);
        if (contentType.isPresent() && !isJson(contentType.get()) && !curlDefault) {
            return Future.failedFuture(wrongType(contentType.get()));
        }
        return request.body(maxBytes).compose(body -> {
            if (body.length == 0) {
                return Future.failedFuture(new GatewayException(
                        GatewayError.invalid("body", "The request body is empty; send a JSON object.")));
            }
            if (curlDefault && !startsAnObject(body)) {
                return Future.failedFuture(wrongType(contentType.get()));
            }
            return Future.succeededFuture(body);
        });
    }

    private static GatewayException wrongType(String contentType) {
        return new GatewayException(GatewayError.invalid("Content-Type",
                "Content-Type must be application/json, got '" + Json.brief(contentType) + "'."));
    }

    static boolean isCurlDefault(String contentType) {
        return contentType.split(";", 2)[0].trim().equalsIgnoreCase("application/x-www-form-urlencoded");
    }

    private static boolean startsAnObject(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return b == '{';
            }
        }
        return false;
    }

    static boolean isJson(String contentType) {
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || type.endsWith("+json");
    }

    public static String describe(long bytes) {
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MB";
        }
        if (bytes % 1024 == 0) {
            return bytes / 1024 + " KB";
        }
        return bytes + " bytes";
    }
}
