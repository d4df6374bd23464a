package dev.junction.gateway.admin;

import java.util.Optional;
import java.util.function.Function;

/** An admin API request, read off the wire in full before it is handled. */
public record AdminRequest(String method, String path, Function<String, Optional<String>> query,
        Optional<String> authorization, String remoteAddress, byte[] body) {}
