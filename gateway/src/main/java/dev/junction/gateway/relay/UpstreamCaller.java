package dev.junction.gateway.relay;

import dev.junction.gateway.provider.Upstream;
import dev.junction.gateway.provider.UpstreamCall;
import dev.junction.gateway.provider.UpstreamResponse;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayException;
import io.vertx.core.Future;
import java.util.function.Supplier;

/**
 * Sends a call and returns a successful response, or fails with the upstream's error in
 * Junction's terms ({@link UpstreamErrorException} when the upstream answered one). Before
 * anything has reached the client, a call that failed because of its credential or a passing
 * overload is retried with the next credential, up to {@value #MAX_ATTEMPTS} attempts in all,
 * and never more than there are credentials.
 */
public final class UpstreamCaller {
    static final int MAX_ATTEMPTS = 3;
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private UpstreamCaller() {}

    /** @param call makes a fresh call (with the next credential) for each attempt */
    public static Future<UpstreamResponse> open(Upstream upstream, Supplier<UpstreamCall> call) {
        return attempt(upstream, call, Math.max(1, Math.min(MAX_ATTEMPTS, upstream.credentialCount())));
    }

    private static Future<UpstreamResponse> attempt(Upstream upstream, Supplier<UpstreamCall> call, int remaining) {
        UpstreamCall next = call.get();
        return upstream.transport().send(next)
                .compose(response -> response.status() / 100 == 2
                        ? Future.succeededFuture(response)
                        : errorOf(upstream, response))
                .recover(failure -> {
                    GatewayError error = failure instanceof GatewayException g ? g.error()
                            : upstream.transport().failure(failure);
                    upstream.report(next, error);
                    if (retryable(error) && remaining > 1) {
                        return attempt(upstream, call, remaining - 1);
                    }
                    return Future.failedFuture(failure instanceof GatewayException ? failure
                            : new GatewayException(error, failure));
                });
    }

    private static Future<UpstreamResponse> errorOf(Upstream upstream, UpstreamResponse response) {
        int status = response.status();
        return response.readAll(MAX_ERROR_BODY)
                .recover(e -> Future.succeededFuture(new byte[0]))
                .compose(body -> Future.failedFuture(
                        new UpstreamErrorException(upstream.decodeError(status, body), status, body)));
    }

    private static boolean retryable(GatewayError error) {
        return switch (error.kind()) {
            case UPSTREAM_AUTH, RATE_LIMITED, QUOTA_EXHAUSTED, UPSTREAM_UNAVAILABLE, UPSTREAM_ERROR -> true;
            default -> false;
        };
    }
}
