package dev.junction.gateway.edge;

import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Optional;

/** Reads a request body, refusing more than the configured limit and anything that is not JSON. */
public final class BodyReader {
    private final long maxBytes;

    public BodyReader(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * @throws GatewayException {@code INVALID_REQUEST} when the content type is not JSON, the body
     *     is empty, or it is longer than the limit (the rest is not read)
     */
    public byte[] read(InboundRequest request) {
        Optional<String> contentType = request.header("Content-Type");
        if (contentType.isPresent() && !isJson(contentType.get())) {
            throw new GatewayException(GatewayError.invalid("Content-Type",
                    "Content-Type must be application/json, got '" + contentType.get() + "'."));
        }
        byte[] body = readBounded(request.body());
        if (body.length == 0) {
            throw new GatewayException(GatewayError.invalid("body", "The request body is empty; send a JSON object."));
        }
        return body;
    }

    private byte[] readBounded(InputStream in) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
            byte[] buffer = new byte[16384];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) >= 0) {
                total += n;
                if (total > maxBytes) {
                    throw new GatewayException(GatewayError.invalid("body", "The request body is larger than the limit of "
                            + describe(maxBytes) + "."));
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException | UncheckedIOException e) {
            throw new GatewayException(GatewayError.invalid("body", "The request body could not be read completely."), e);
        }
    }

    static boolean isJson(String contentType) {
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || type.endsWith("+json");
    }

    static String describe(long bytes) {
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MB";
        }
        if (bytes % 1024 == 0) {
            return bytes / 1024 + " KB";
        }
        return bytes + " bytes";
    }
}
