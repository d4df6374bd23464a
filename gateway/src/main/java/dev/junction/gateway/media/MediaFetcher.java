package dev.junction.gateway.media;

import dev.junction.gateway.concurrent.ByteBudget;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Fetches media a client referred to by URL, so it can be sent upstream inline. The host name
 * is resolved first (on a worker thread), every address it resolves to is checked by the
 * {@link AddressPolicy}, and the connection goes to an address that passed — so DNS rebinding
 * cannot slip a private address in; each redirect is checked again. Size and time are bounded,
 * and so are the bytes all fetches together hold ({@code media.max_bytes_in_flight}, counted as
 * they arrive, never as declared); failures are 400s naming the field the URL came from, or a 503
 * when the memory for media is in use.
 */
public final class MediaFetcher implements AutoCloseable {
    private static final int MAX_REDIRECTS = 3;
    private static final java.time.Duration RETRY_AFTER = java.time.Duration.ofSeconds(1);

    private final Vertx vertx;
    private final MediaSettings settings;
    private final AddressPolicy policy;
    private final HttpClient client;
    private final ByteBudget inFlight;

    /**
     * A fetched file. Its bytes count against {@code media.max_bytes_in_flight} until
     * {@link #release} is called (once whoever holds it lets go of it; calling it again is harmless).
     */
    public record Fetched(String mimeType, String base64, long bytes, Runnable release) {}

    public MediaFetcher(Vertx vertx, MediaSettings settings) {
        this.vertx = vertx;
        this.settings = settings;
        this.policy = new AddressPolicy(settings.allowPrivateAddresses());
        this.inFlight = new ByteBudget(settings.maxBytesInFlight());
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false).setForceSni(true)
                .setDecompressionSupported(true), new PoolOptions().setHttp1MaxSize(64));
    }

    /**
     * @param param the request field the URL came from, for the error
     * @return the file; fails with {@code INVALID_REQUEST} when it cannot be fetched within the limits
     */
    public Future<Fetched> fetch(URI uri, Optional<String> declaredMimeType, String param) {
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        return fetch(uri, uri, declaredMimeType, param, 0, deadline);
    }

    private Future<Fetched> fetch(URI original, URI current, Optional<String> declaredMimeType, String param,
            int redirects, long deadline) {
        String scheme = current.getScheme() == null ? "" : current.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || current.getHost() == null) {
            return invalid(param, "only http and https URLs can be fetched, got " + current);
        }
        long remaining = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
        String host = current.getHost();
        return resolve(host, param).compose(address -> {
            int port = current.getPort() > 0 ? current.getPort() : scheme.equals("https") ? 443 : 80;
            RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(current.toString())
                    .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                    .setConnectTimeout(remaining).setIdleTimeout(remaining).setTimeout(remaining)
                    .setFollowRedirects(false);
            // Paused at once: its body waits, however small, until read() has set its handlers
            // (a few future hops later, when the whole body may already have arrived).
            return client.request(options).compose(request -> request.send()).map(response -> {
                response.pause();
                return response;
            });
        }).recover(e -> e instanceof GatewayException ? Future.failedFuture(e)
                : invalid(param, "cannot fetch " + original + ": " + describe(e)))
                .compose(response -> {
                    int status = response.statusCode();
                    if (status >= 300 && status < 400) {
                        String location = response.getHeader("Location");
                        response.request().reset();
                        if (location == null) {
                            return invalid(param, "the URL " + original + " redirects without a location");
                        }
                        if (redirects >= MAX_REDIRECTS) {
                            return invalid(param, "the URL " + original + " redirects more than " + MAX_REDIRECTS + " times");
                        }
                        return fetch(original, current.resolve(location), declaredMimeType, param, redirects + 1, deadline);
                    }
                    if (status != 200) {
                        response.request().reset();
                        return invalid(param, "fetching " + original + " failed with HTTP " + status);
                    }
                    return read(response, original, declaredMimeType, param);
                });
    }

    private Future<InetAddress> resolve(String host, String param) {
        return vertx.executeBlocking(() -> InetAddress.getAllByName(host), false).recover(e -> invalid(param,
                "cannot resolve the host " + host)).compose(addresses -> Arrays.stream(addresses)
                .filter(policy::allows).findFirst()
                .map(Future::succeededFuture)
                .orElseGet(() -> invalid(param, "the host " + host + " resolves to a private, loopback or link-local "
                        + "address, which Junction does not fetch from")));
    }

    private Future<Fetched> read(HttpClientResponse response, URI uri, Optional<String> declaredMimeType, String param) {
        Promise<Fetched> fetched = Promise.promise();
        Buffer body = Buffer.buffer();
        long[] taken = {0};
        Runnable giveBack = () -> {
            inFlight.giveBack(taken[0]);
            taken[0] = 0;
        };
        response.handler(chunk -> {
            if (fetched.future().isComplete()) {
                return;
            }
            if (body.length() + chunk.length() > settings.maxBytes()) {
                fail(fetched, response, giveBack, GatewayError.invalid(param,
                        "the file at " + uri + " is larger than " + settings.maxBytes() + " bytes"));
                return;
            }
            if (!inFlight.tryTake(chunk.length())) {
                fail(fetched, response, giveBack, GatewayError.of(GatewayError.Kind.OVERLOADED, "Junction is holding "
                        + "as much fetched media as its memory allows; retry shortly.").withCode("overloaded")
                        .withRetryAfter(RETRY_AFTER));
                return;
            }
            taken[0] += chunk.length();
            body.appendBuffer(chunk);
        });
        response.exceptionHandler(e -> {
            if (fetched.tryFail(new GatewayException(GatewayError.invalid(param, "cannot fetch " + uri + ": " + describe(e))))) {
                giveBack.run();
            }
        });
        response.endHandler(v -> {
            if (fetched.future().isComplete()) {
                return;
            }
            Optional<String> mime = declaredMimeType
                    .or(() -> Optional.ofNullable(response.getHeader("Content-Type"))
                            .map(t -> t.split(";", 2)[0].trim().toLowerCase(Locale.ROOT))
                            .filter(t -> !t.isEmpty() && !t.equals("application/octet-stream")))
                    .or(() -> MimeTypes.fromPath(uri.getPath()));
            if (mime.isEmpty()) {
                giveBack.run();
                fetched.tryFail(new GatewayException(GatewayError.invalid(param, "cannot tell the media type of " + uri)));
                return;
            }
            byte[] bytes = body.getBytes();
            fetched.tryComplete(new Fetched(mime.get(), Base64.getEncoder().encodeToString(bytes), bytes.length,
                    giveBack));
        });
        response.resume();
        return fetched.future();
    }

    private static void fail(Promise<Fetched> fetched, HttpClientResponse response, Runnable giveBack,
            GatewayError error) {
        if (fetched.tryFail(new GatewayException(error))) {
            giveBack.run();
            response.request().reset();
        }
    }

    /** The most URLs one request may have fetched. */
    public int maxUrls() {
        return settings.maxUrls();
    }

    /** Fetched bytes held now by all requests together. */
    public long bytesInFlight() {
        return inFlight.used();
    }

    private static String describe(Throwable e) {
        if (e instanceof java.util.concurrent.TimeoutException) {
            return "it took too long";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static <T> Future<T> invalid(String param, String message) {
        return Future.failedFuture(new GatewayException(GatewayError.invalid(param, message)));
    }

    @Override
    public void close() {
        client.close();
    }
}
