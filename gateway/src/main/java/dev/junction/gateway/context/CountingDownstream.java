package dev.junction.gateway.context;

/**
 * Counts the body bytes that went to the client, so usage can be estimated for an upstream that
 * reported none, and runs the exchange's record step just before the response's last bytes
 * (a whole {@code send}, or {@code end}) go out.
 */
final class CountingDownstream implements Downstream {
    private final Downstream delegate;
    private final Runnable beforeLastBytes;
    private long bytes;

    CountingDownstream(Downstream delegate, Runnable beforeLastBytes) {
        this.delegate = delegate;
        this.beforeLastBytes = beforeLastBytes;
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
        bytes += body.length;
        beforeLastBytes.run();
        delegate.send(status, contentType, body);
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
    public void writeLast(byte[] chunk) {
        bytes += chunk.length;
        beforeLastBytes.run();
        delegate.write(chunk);
    }

    @Override
    public void end() {
        beforeLastBytes.run();
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
