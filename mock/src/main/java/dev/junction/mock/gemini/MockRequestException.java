package dev.junction.mock.gemini;

/**
 * A request the mock refuses, raised deep in request parsing and turned into the Google error
 * {@link #reply()} by {@link MockBehaviour}; never escapes the mock.
 */
final class MockRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient MockReply.Json reply;

    MockRequestException(MockReply.Json reply) {
        super(reply.body().path("error").path("message").asText(), null, false, false);
        this.reply = reply;
    }

    MockReply.Json reply() {
        return reply;
    }
}
