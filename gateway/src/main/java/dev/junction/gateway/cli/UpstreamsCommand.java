package dev.junction.gateway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.gateway.config.JunctionConfig;
import dev.junction.protocol.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code junction upstreams}: what the running gateway thinks of each upstream and key (state,
 * cooldown, why a key rests and until when, recent errors), read from its admin API, and
 * {@code junction upstreams reset NAME} to end a cooldown and every key's rest at once.
 */
@Command(name = "upstreams", mixinStandardHelpOptions = true,
        description = "Show the running gateway's upstreams and keys with their state (admin API).",
        subcommands = UpstreamsCommand.Reset.class)
final class UpstreamsCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @Mixin
    Target target;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        JunctionConfig settings = config.load();
        HttpResponse<String> response = target.send(settings, "GET", "/admin/v1/upstreams");
        if (response == null) {
            return 1;
        }
        PrintWriter out = spec.commandLine().getOut();
        print(Json.MAPPER.readTree(response.body()), out);
        out.flush();
        return 0;
    }

    static void print(JsonNode body, PrintWriter out) {
        out.printf("%-20s %-10s %-10s %-24s %-9s %s%n", "UPSTREAM", "TYPE", "STATE", "COOLDOWN UNTIL", "IN FLIGHT",
                "KEYS");
        for (JsonNode u : body.path("upstreams")) {
            StringBuilder keys = new StringBuilder();
            for (JsonNode k : u.path("keys")) {
                keys.append(keys.isEmpty() ? "" : ", ").append(k.path("key").asText()).append(' ')
                        .append(k.path("state").asText());
                if (k.hasNonNull("resting_until")) {
                    keys.append(" until ").append(k.path("resting_until").asText());
                }
                if (k.hasNonNull("reason")) {
                    keys.append(" (").append(k.path("reason").asText()).append(')');
                }
            }
            out.printf("%-20s %-10s %-10s %-24s %-9d %s%n", u.path("name").asText(), u.path("type").asText(),
                    u.path("state").asText(), u.hasNonNull("cooldown_until") ? u.path("cooldown_until").asText() : "-",
                    u.path("in_flight").asInt(), keys.isEmpty() ? "-" : keys);
            for (JsonNode e : u.path("recent_errors")) {
                out.printf("    %s %s: %s%n", e.path("at").asText(), e.path("kind").asText(), e.path("message").asText());
            }
        }
    }

    @Command(name = "reset", mixinStandardHelpOptions = true,
            description = "End an upstream's cooldown and its keys' rests now.")
    static final class Reset implements Callable<Integer> {
        @Mixin
        ConfigOptions config;

        @Mixin
        Target target;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "The upstream's name, as in the configuration.")
        String name;

        @Override
        public Integer call() throws IOException, InterruptedException {
            HttpResponse<String> response = target.send(config.load(), "POST",
                    "/admin/v1/upstreams/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20")
                            + "/reset");
            if (response == null) {
                return 1;
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("Reset upstream '" + name + "': it and its keys are usable again.");
            out.flush();
            return 0;
        }
    }

    /** Where the running gateway's admin API is and the token it takes. */
    static final class Target {
        @Option(names = "--url", paramLabel = "URL",
                description = "The gateway's address (default: the configuration's server host and port).")
        String url;

        @Option(names = "--admin-token", paramLabel = "TOKEN",
                description = "The admin token (default: JUNCTION_ADMIN_TOKEN or the configuration's admin_token).")
        String adminToken;

        /** The answer when it is a 2xx; otherwise null, having said why on standard error. */
        HttpResponse<String> send(JunctionConfig settings, String method, String path)
                throws IOException, InterruptedException {
            String token = adminToken != null ? adminToken : settings.adminToken().orElse(null);
            if (token == null) {
                System.err.println("junction: the admin API is off: set JUNCTION_ADMIN_TOKEN (or admin_token in the "
                        + "configuration) for the gateway and for this command, or pass --admin-token.");
                return null;
            }
            String base = url != null ? url.replaceAll("/+$", "") : defaultUrl(settings);
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + token)
                    .method(method, HttpRequest.BodyPublishers.noBody()).build();
            HttpResponse<String> response;
            try {
                response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                        .send(request, HttpResponse.BodyHandlers.ofString());
            } catch (ConnectException e) {
                System.err.println("junction: no gateway answers at " + base + ": start it with `junction serve`, or "
                        + "pass --url.");
                return null;
            }
            if (response.statusCode() / 100 != 2) {
                System.err.println("junction: " + base + path + " answered " + response.statusCode() + ": "
                        + message(response.body()));
                return null;
            }
            return response;
        }

        private static String message(String body) {
            try {
                return Json.MAPPER.readTree(body).path("error").path("message").asText(body);
            } catch (IOException e) {
                return body.length() > 200 ? body.substring(0, 200) + "..." : body;
            }
        }

        private static String defaultUrl(JunctionConfig settings) {
            String host = settings.server().host();
            if (host.equals("0.0.0.0") || host.equals("::") || host.isEmpty()) {
                host = "127.0.0.1";
            }
            if (host.contains(":")) {
                host = "[" + host + "]";
            }
            return "http://" + host + ":" + settings.server().port();
        }
    }
}
