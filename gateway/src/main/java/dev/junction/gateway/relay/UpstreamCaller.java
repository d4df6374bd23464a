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
        GatewayError error = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            UpstreamCall next = call.get();
            try {
                UpstreamResponse response = upstream.transport().send(next);
                if (response.status() / 100 == 2) {
                    return response;
                }
                error = readError(upstream, response);
            } catch (GatewayException e) {
                error = e.error();
            }
            upstream.report(next, error);
            if (!retryable(error)) {
                break;
            }
        }
        throw new GatewayException(error);
    }

    private static GatewayError readError(Upstream upstream, UpstreamResponse response) {
        try (response) {
            return upstream.decodeError(response.status(), response.readAll(MAX_ERROR_BODY));
        } catch (IOException | RuntimeException e) {
            return upstream.decodeError(response.status(), new byte[0]);
        }
    }

    private static boolean retryable(GatewayError error) {
        return switch (error.kind()) {
            case UPSTREAM_AUTH, RATE_LIMITED, QUOTA_EXHAUSTED, UPSTREAM_UNAVAILABLE, UPSTREAM_ERROR -> true;
            default -> false;
        };
    }
}
