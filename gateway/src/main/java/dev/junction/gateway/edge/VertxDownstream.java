package dev.junction.gateway.edge;

import dev.junction.gateway.context.Downstream;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/** A Vert.x response seen through {@link Downstream}. */
final class VertxDownstream implements Downstream {
    private final HttpServerResponse response;

    VertxDownstream(HttpServerResponse response) {
        this.response = response;
    }

    @Override
    public void header(String name, String value) {
        if (!response.headWritten()) {
            response.putHeader(name, value);
        }
    }

    @Override
    public void send(int status, String contentType, byte[] body) {
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(status);
        response.putHeader("Content-Type", contentType);
        response.end(Buffer.buffer(body));
    }

    @Override
    public void open(int status, String contentType) {
        response.setStatusCode(status);
        response.putHeader("Content-Type", contentType);
        response.setChunked(true);
    }

    @Override
    public void write(byte[] chunk) {
        if (!response.ended() && !response.closed()) {
            response.write(Buffer.buffer(chunk));
        }
    }

    @Override
    public void end() {
        if (!response.ended() && !response.closed()) {
            response.end();
        }
    }

    @Override
    public boolean committed() {
        return response.headWritten() || response.ended();
    }

    @Override
    public boolean writeQueueFull() {
        return response.writeQueueFull();
    }

    @Override
    public void onDrain(Runnable action) {
        response.drainHandler(v -> action.run());
    }

    @Override
    public void onClose(Runnable action) {
        response.closeHandler(v -> {
            if (!response.ended()) {
                action.run();
            }
        });
    }
}
