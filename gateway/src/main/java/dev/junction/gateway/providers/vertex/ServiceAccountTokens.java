package dev.junction.gateway.providers.vertex;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import dev.junction.gateway.providers.Credential;
import dev.junction.gateway.providers.Credentials;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A service account's OAuth access tokens, minted with Google's auth library (a JWT signed with
 * the account's key, exchanged at the key file's {@code token_uri}), on a virtual thread and never
 * on an event loop. A token is cached and re-minted in the background once it enters its last
 * five minutes, so requests almost never wait for one; only the first request, and one after a
 * token was rejected, waits. Concurrent requests share one minting.
 */
final class ServiceAccountTokens implements Credentials, AutoCloseable {
    /** A token this close to expiry is re-minted in the background while still in use. */
    static final Duration REFRESH_BEFORE = Duration.ofMinutes(5);
    /** A token this close to expiry is not used any more: requests wait for the next. */
    static final Duration USABLE_UNTIL = Duration.ofSeconds(30);

    private final String upstream;
    private final GoogleCredentials source;
    private final Clock clock;
    private final ExecutorService minters = Executors.newVirtualThreadPerTaskExecutor();
    private volatile Minted current;
    private CompletableFuture<Minted> minting; // guarded by this

    private record Minted(Credential credential, Instant expiry) {}

    ServiceAccountTokens(String upstream, GoogleCredentials source, Clock clock) {
        this.upstream = upstream;
        this.source = source;
        this.clock = clock;
    }

    @Override
    public Future<Credential> next() {
        Minted token = current;
        Instant now = clock.instant();
        if (token != null && now.isBefore(token.expiry().minus(USABLE_UNTIL))) {
            if (!now.isBefore(token.expiry().minus(REFRESH_BEFORE))) {
                mint(); // in the background: this one is still good
            }
            return Future.succeededFuture(token.credential());
        }
        return onCallersContext(mint());
    }

    private synchronized CompletableFuture<Minted> mint() {
        if (minting != null) {
            return minting;
        }
        CompletableFuture<Minted> started = new CompletableFuture<>();
        minting = started;
        minters.execute(() -> {
            // The state is settled before anyone waiting hears of it, so a caller that goes on
            // at once sees the new token (or starts a fresh minting after a failure).
            try {
                Minted token = mintNow();
                current = token;
                settled(started);
                started.complete(token);
            } catch (RuntimeException e) {
                settled(started);
                started.completeExceptionally(e);
            }
        });
        return started;
    }

    private synchronized void settled(CompletableFuture<Minted> done) {
        if (minting == done) {
            minting = null;
        }
    }

    private Minted mintNow() {
        try {
            AccessToken token = source.refreshAccessToken();
            Instant expiry = token.getExpirationTime() == null ? clock.instant().plus(Duration.ofMinutes(30))
                    : clock.instant().plusMillis(Math.max(0, token.getExpirationTime().getTime() - System.currentTimeMillis()));
            return new Minted(new Credential("Bearer " + token.getTokenValue(), "token"
                    + Credential.hintOf(token.getTokenValue())), expiry);
        } catch (Exception e) {
            throw new GatewayException(GatewayError.of(GatewayError.Kind.UPSTREAM_AUTH,
                    "Junction cannot get an access token for upstream " + upstream + " from its service account: "
                            + brief(e)));
        }
    }

    private static String brief(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String line = message.lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    /** The shared minting, completed on the caller's event loop (each caller has its own). */
    private static Future<Credential> onCallersContext(CompletableFuture<Minted> shared) {
        Context context = Vertx.currentContext();
        Promise<Credential> mine = Promise.promise();
        shared.whenComplete((token, failure) -> {
            Runnable complete = () -> {
                if (token != null) {
                    mine.complete(token.credential());
                } else {
                    Throwable cause = failure instanceof java.util.concurrent.CompletionException c && c.getCause() != null
                            ? c.getCause() : failure;
                    mine.fail(cause);
                }
            };
            if (context != null) {
                context.runOnContext(v -> complete.run());
            } else {
                complete.run();
            }
        });
        return mine.future();
    }

    /** A rejected token is dropped, so the next request mints a fresh one. */
    @Override
    public void rest(Credential credential, Duration duration) {
        Minted token = current;
        if (token != null && token.credential().equals(credential)) {
            current = null;
        }
    }

    @Override
    public int size() {
        return 1;
    }

    @Override
    public int usableCount() {
        return 1;
    }

    @Override
    public String scrub(String text) {
        Minted token = current;
        if (text == null || token == null) {
            return text;
        }
        String secret = token.credential().secret().substring("Bearer ".length());
        return text.replace(secret, "[redacted]");
    }

    @Override
    public void close() {
        minters.shutdownNow();
    }
}
