package dev.junction.gateway.console;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the console answers: a status, headers (a session cookie among them) and a body. */
public record ConsoleReply(int status, Map<String, String> headers, byte[] body) {
    static ConsoleReply json(int status, String json) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json; charset=UTF-8");
        headers.put("Cache-Control", "no-store");
        return new ConsoleReply(status, headers, json.getBytes(StandardCharsets.UTF_8));
    }

    static ConsoleReply json(int status, byte[] json) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json; charset=UTF-8");
        headers.put("Cache-Control", "no-store");
        return new ConsoleReply(status, headers, json);
    }

    ConsoleReply with(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new ConsoleReply(status, copy, body);
    }
}
