package dev.junction.gateway.edge;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Counts the body bytes that went to the client, so usage can be estimated for an upstream that
 * reported none. Counting is all it adds: the relay's flushes and failures pass straight through.
 */
final class CountingDownstream implements Downstream {
    private final Downstream delegate;
    private long bytes;

    CountingDownstream(Downstream delegate) {
        this.delegate = delegate;
    }

    long bytes() {
        return bytes;
    }

    @Override
    public void header(String name, String value) {
        delegate.header(name, value);
    }

    @Override
    public void send(int status, String contentType, byte[] body) {
        delegate.send(status, contentType, body);
        bytes += body.length;
    }

    @Override
    public OutputStream open(int status, String contentType) {
        return new FilterOutputStream(delegate.open(status, contentType)) {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
                bytes++;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                bytes += len;
            }
        };
    }

    @Override
    public boolean committed() {
        return delegate.committed();
    }
}
