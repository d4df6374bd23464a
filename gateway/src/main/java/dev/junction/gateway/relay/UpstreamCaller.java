package dev.junction.gateway.relay;

import dev.junction.gateway.provider.Upstream;
import dev.junction.gateway.provider.UpstreamCall;
import dev.junction.gateway.provider.UpstreamResponse;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayException;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * Sends a call and returns a successful response, or fails with the upstream's error in
 * Junction's terms. Before anything has reached the client, a call that failed because of its
 * credential or a passing overload is retried with the next credential, up to
 * {@value #MAX_ATTEMPTS} attempts in all, and never more than there are credentials.
 */
public final class UpstreamCaller {
    static final int MAX_ATTEMPTS = 3;
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private UpstreamCaller() {}

    /** @param call makes a fresh call (with the next credential) for each attempt */
    public static UpstreamResponse open(Upstream upstream, int credentials, Supplier<UpstreamCall> call) {
        int attempts = Math.max(1, Math.min(MAX_ATTEMPTS, credentials));
        GatewayException failure = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            UpstreamCall next = call.get();
            try {
                UpstreamResponse response = upstream.transport().send(next);
                if (response.status() / 100 == 2) {
                    return response;
                }
                failure = readError(upstream, response);
            } catch (GatewayException e) {
                failure = e;
            }
            upstream.report(next, failure.error());
            if (!retryable(failure.error())) {
                break;
            }
        }
        throw failure;
    }

    private static UpstreamErrorException readError(Upstream upstream, UpstreamResponse response) {
        int status = response.status();
        byte[] body;
        try (response) {
            body = response.readAll(MAX_ERROR_BODY);
        } catch (IOException | RuntimeException e) {
            body = new byte[0];
        }
        return new UpstreamErrorException(upstream.decodeError(status, body), status, body);
    }

    private static boolean retryable(GatewayError error) {
        return switch (error.kind()) {
            case UPSTREAM_AUTH, RATE_LIMITED, QUOTA_EXHAUSTED, UPSTREAM_UNAVAILABLE, UPSTREAM_ERROR -> true;
            default -> false;
        };
    }
}
