package dev.junction.gateway.media;

import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayException;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.DnsAddressLookup;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import io.helidon.webclient.spi.DnsResolver;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Fetches media a client referred to by URL, so it can be sent upstream inline. Every address a
 * host name resolves to is checked by the {@link AddressPolicy} at connection time (the check
 * and the connection use the same lookup, so DNS rebinding cannot slip a private address in,
 * and each redirect is checked again). Size and time are bounded; failures are 400s naming the
 * field the URL came from.
 */
public final class MediaFetcher implements AutoCloseable {
    private static final int MAX_REDIRECTS = 3;

    private final MediaSettings settings;
    private final WebClient client;

    /** A fetched file. */
    public record Fetched(String mimeType, String base64, long bytes) {}

    public MediaFetcher(MediaSettings settings) {
        this.settings = settings;
        AddressPolicy policy = new AddressPolicy(settings.allowPrivateAddresses());
        this.client = WebClient.builder()
                .followRedirects(false)
                .shareConnectionCache(false)
                .dnsResolver(new CheckingResolver(policy))
                .socketOptions(s -> s.connectTimeout(settings.timeout()).readTimeout(settings.timeout()))
                .build();
    }

    /**
     * @param param the request field the URL came from, for the error
     * @throws GatewayException {@code INVALID_REQUEST} when the URL cannot be fetched within the limits
     */
    public Fetched fetch(URI uri, Optional<String> declaredMimeType, String param) {
        URI current = uri;
        for (int redirect = 0; redirect <= MAX_REDIRECTS; redirect++) {
            requireHttp(current, param);
            try (HttpClientResponse response = client.get().uri(current).readTimeout(settings.timeout()).request()) {
                int status = response.status().code();
                if (status >= 300 && status < 400) {
                    Optional<String> location = response.headers().first(HeaderNames.LOCATION);
                    if (location.isEmpty()) {
                        throw invalid(param, "the URL " + uri + " redirects without a location");
                    }
                    current = current.resolve(location.get());
                    continue;
                }
                if (status != 200) {
                    throw invalid(param, "fetching " + uri + " failed with HTTP " + status);
                }
                byte[] bytes = readBounded(response.inputStream(), param, uri);
                String mime = declaredMimeType.or(() -> response.headers().first(HeaderNames.CONTENT_TYPE)
                                .map(t -> t.split(";", 2)[0].trim().toLowerCase(Locale.ROOT))
                                .filter(t -> !t.isEmpty() && !t.equals("application/octet-stream")))
                        .or(() -> MimeTypes.fromPath(uri.getPath()))
                        .orElseThrow(() -> invalid(param, "cannot tell the media type of " + uri));
                return new Fetched(mime, Base64.getEncoder().encodeToString(bytes), bytes.length);
            } catch (GatewayException e) {
                throw e;
            } catch (RuntimeException e) {
                throw invalid(param, "cannot fetch " + uri + ": " + describe(e));
            }
        }
        throw invalid(param, "the URL " + uri + " redirects more than " + MAX_REDIRECTS + " times");
    }

    private byte[] readBounded(InputStream in, String param, URI uri) {
        try {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, settings.maxBytes() + 1));
            if (bytes.length > settings.maxBytes()) {
                throw invalid(param, "the file at " + uri + " is larger than " + settings.maxBytes() + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw invalid(param, "cannot fetch " + uri + ": " + e.getMessage());
        }
    }

    private static void requireHttp(URI uri, String param) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw invalid(param, "only http and https URLs can be fetched, got " + uri);
        }
    }

    private static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BlockedAddressException) {
                return t.getMessage();
            }
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static GatewayException invalid(String param, String message) {
        return new GatewayException(GatewayError.invalid(param, message));
    }

    @Override
    public void close() {
        client.closeResource();
    }

    /** Resolves host names, keeping only the addresses the policy allows. */
    private record CheckingResolver(AddressPolicy policy) implements DnsResolver {
        @Override
        public boolean useDefaultJavaResolver() {
            return false;
        }

        @Override
        public InetAddress resolveAddress(String hostname, DnsAddressLookup lookup) {
            InetAddress[] all;
            try {
                all = lookup.filter(InetAddress.getAllByName(hostname));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("unknown host " + hostname, e);
            }
            return Arrays.stream(all).filter(policy::allows).findFirst()
                    .orElseThrow(() -> new BlockedAddressException(hostname));
        }
    }

    /** The host resolves only to addresses Junction will not fetch from. */
    static final class BlockedAddressException extends RuntimeException {
        BlockedAddressException(String hostname) {
            super("the host " + hostname + " resolves to a private, loopback or link-local address, "
                    + "which Junction does not fetch from");
        }
    }
}
