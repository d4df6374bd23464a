package dev.junction.gateway.console;

import java.util.Optional;
import java.util.function.Function;

/**
 * A request to the console, read off the wire in full.
 *
 * @param tls whether the browser reached Junction over TLS (here, or at a proxy that says so)
 */
public record ConsoleCall(String method, String path, Function<String, Optional<String>> query,
        Function<String, Optional<String>> header, boolean tls, String remoteAddress, byte[] body) {}
