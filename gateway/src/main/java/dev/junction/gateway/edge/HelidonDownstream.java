package dev.junction.gateway.edge;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;
import java.io.OutputStream;

/** A Helidon response seen through {@link Downstream}. */
final class HelidonDownstream implements Downstream {
    private final ServerResponse response;
    private boolean committed;

    HelidonDownstream(ServerResponse response) {
        this.response = response;
    }

    @Override
    public void header(String name, String value) {
        response.header(HeaderNames.create(name), value);
    }

    @Override
    public void send(int status, String contentType, byte[] body) {
        committed = true;
        response.status(status);
        response.header(HeaderNames.CONTENT_TYPE, contentType);
        response.send(body);
    }

    @Override
    public OutputStream open(int status, String contentType) {
        committed = true;
        response.status(status);
        response.header(HeaderNames.CONTENT_TYPE, contentType);
        return response.outputStream();
    }

    @Override
    public boolean committed() {
        return committed || response.isSent();
    }
}
