package dev.junction.gateway.provider;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** An upstream's answer, its body still unread. Closing it before the end aborts the request. */
public interface UpstreamResponse extends AutoCloseable {
    int status();

    Optional<String> header(String name);

    InputStream body();

    /** Reads the whole body, failing with {@link IOException} past {@code limit} bytes. */
    default byte[] readAll(int limit) throws IOException {
        InputStream in = body();
        byte[] bytes = in.readNBytes(limit + 1);
        if (bytes.length > limit) {
            throw new IOException("the upstream response is larger than " + limit + " bytes");
        }
        return bytes;
    }

    @Override
    void close();
}
