package dev.junction.gateway.filter;

import dev.junction.gateway.context.Exchange;
import java.util.Optional;

/**
 * Tells the client the id its request goes by. A client's own {@code x-request-id} of at most
 * {@value #MAX_LENGTH} characters from {@code [A-Za-z0-9._:-]} is echoed back, so its logs and
 * Junction's answer line up; any other value is ignored and Junction's id is sent instead. The
 * client's id never replaces Junction's as the key of the usage record (a client could otherwise
 * make two requests share one record): when the two differ, Junction's own goes back too, as
 * {@value #OWN_HEADER}.
 */
public final class RequestIdFilter implements GatewayFilter {
    public static final String HEADER = "x-request-id";
    public static final String OWN_HEADER = "x-junction-request-id";
    public static final int MAX_LENGTH = 128;

    @Override
    public void filter(Exchange exchange, Chain chain) {
        echo(exchange.request().header(HEADER), exchange.requestId(), exchange.downstream()::header);
        chain.proceed();
    }

    /** Writes the request id headers of an answer with {@code header}. */
    public static void echo(Optional<String> fromClient, String own, java.util.function.BiConsumer<String, String> header) {
        String echoed = fromClient.filter(RequestIdFilter::acceptable).orElse(own);
        header.accept(HEADER, echoed);
        if (!echoed.equals(own)) {
            header.accept(OWN_HEADER, own);
        }
    }

    /** Whether a client's request id is short enough and made only of the allowed characters. */
    public static boolean acceptable(String id) {
        if (id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.'
                    || c == '_' || c == ':' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
