package dev.junction.gateway.context;

/**
 * Counts the body bytes that went to the client, so usage can be estimated for an upstream that
 * reported none. Counting is all it adds.
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
    public void open(int status, String contentType) {
        delegate.open(status, contentType);
    }

    @Override
    public void write(byte[] chunk) {
        delegate.write(chunk);
        bytes += chunk.length;
    }

    @Override
    public void end() {
        delegate.end();
    }

    @Override
    public boolean committed() {
        return delegate.committed();
    }

    @Override
    public boolean writeQueueFull() {
        return delegate.writeQueueFull();
    }

    @Override
    public void onDrain(Runnable action) {
        delegate.onDrain(action);
    }

    @Override
    public void onClose(Runnable action) {
        delegate.onClose(action);
    }
}
