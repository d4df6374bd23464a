package dev.junction.gateway.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.junction.protocol.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local Vertex AI of ours, written from Google's documented shapes: an OAuth token endpoint
 * that takes a service account's signed JWT ({@code grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer})
 * and checks its RS256 signature, issuer, audience and scope; and the publisher-model methods
 * ({@code generateContent}, {@code streamGenerateContent?alt=sse}, {@code countTokens}) under
 * {@code /v1/projects/{p}/locations/{l}/publishers/google/models/{m}} with a bearer token, or
 * under {@code /v1/publishers/google/models/{m}} with an express-mode key. Like Vertex, it
 * rejects a content without a role.
 */
public final class FakeVertex implements AutoCloseable {
    public static final String EXPRESS_KEY = "vertex-express-key-0001";
    private static final Pattern STANDARD = Pattern.compile(
            "/v1/projects/([^/]+)/locations/([^/]+)/publishers/google/models/([^/:]+):(\\w+)");
    private static final Pattern EXPRESS = Pattern.compile("/v1/publishers/google/models/([^/:]+):(\\w+)");

    /** One request the model methods received. */
    public record Received(String path, String query, Map<String, String> headers, JsonNode body) {}

    private final HttpServer server;
    private final KeyPair keys;
    private final String clientEmail = "junction-test@test-project.iam.gserviceaccount.com";
    private final Set<String> issued = ConcurrentHashMap.newKeySet();
    private final AtomicInteger mints = new AtomicInteger();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int tokenStatus = 200;
    private volatile int tokenLifetimeSeconds = 3600;

    public FakeVertex() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keys = generator.generateKeyPair();
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/token", this::token);
        server.createContext("/v1/", this::model);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String tokenUri() {
        return baseUrl() + "/token";
    }

    /** Writes a service account key file whose {@code token_uri} is this server's token endpoint. */
    public Path writeKeyFile(Path dir, String project) {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        ObjectNode key = Json.MAPPER.createObjectNode()
                .put("type", "service_account")
                .put("project_id", project)
                .put("private_key_id", "test-key-1")
                .put("private_key", pem)
                .put("client_email", clientEmail)
                .put("client_id", "1234567890")
                .put("token_uri", tokenUri());
        try {
            Path file = dir.resolve("vertex-key-" + project + ".json");
            Files.write(file, Json.MAPPER.writeValueAsBytes(key));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int mints() {
        return mints.get();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public void clear() {
        received.clear();
    }

    /** Makes the token endpoint answer with this status (400: {@code invalid_grant}). */
    public void tokenStatus(int status) {
        this.tokenStatus = status;
    }

    public void tokenLifetime(int seconds) {
        this.tokenLifetimeSeconds = seconds;
    }

    /** Forgets every token issued, as if they had been revoked. */
    public void revokeTokens() {
        issued.clear();
    }

    private void token(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            if (tokenStatus != 200) {
                send(exchange, tokenStatus, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT Signature.\"}");
                return;
            }
            String problem = checkAssertion(form);
            if (problem != null) {
                send(exchange, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"" + problem + "\"}");
                return;
            }
            String token = "ya29.fake-" + mints.incrementAndGet() + "-" + Long.toHexString(System.nanoTime());
            issued.add(token);
            send(exchange, 200, "{\"access_token\":\"" + token + "\",\"expires_in\":" + tokenLifetimeSeconds
                    + ",\"token_type\":\"Bearer\"}");
        }
    }

    private String checkAssertion(Map<String, String> form) {
        if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type"))) {
            return "unsupported grant_type " + form.get("grant_type");
        }
        String[] jwt = form.getOrDefault("assertion", "").split("\\.");
        if (jwt.length != 3) {
            return "not a JWT";
        }
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initVerify(keys.getPublic());
            rs256.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rs256.verify(Base64.getUrlDecoder().decode(jwt[2]))) {
                return "Invalid JWT Signature.";
            }
            JsonNode header = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(jwt[0]));
            JsonNode claims = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(jwt[1]));
            if (!"RS256".equals(header.path("alg").asText())) {
                return "alg must be RS256";
            }
            if (!clientEmail.equals(claims.path("iss").asText())) {
                return "wrong issuer " + claims.path("iss").asText();
            }
            // Google's token endpoint takes assertions addressed to it, wherever token_uri points.
            if (!"https://oauth2.googleapis.com/token".equals(claims.path("aud").asText())) {
                return "wrong audience " + claims.path("aud").asText();
            }
            if (!claims.path("scope").asText().contains("https://www.googleapis.com/auth/cloud-platform")) {
                return "missing scope";
            }
            if (claims.path("exp").asLong() <= claims.path("iat").asLong()) {
                return "bad exp";
            }
            return null;
        } catch (Exception e) {
            return "bad assertion: " + e.getClass().getSimpleName();
        }
    }

    private void model(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
            byte[] raw = exchange.getRequestBody().readAllBytes();
            Matcher standard = STANDARD.matcher(path);
            Matcher express = EXPRESS.matcher(path);
            String model;
            String method;
            if (standard.matches()) {
                String auth = headers.getOrDefault("authorization", "");
                if (!auth.startsWith("Bearer ") || !issued.contains(auth.substring(7))) {
                    send(exchange, 401, googleError(401, "Request had invalid authentication credentials. Expected "
                            + "OAuth 2 access token.", "UNAUTHENTICATED"));
                    return;
                }
                model = standard.group(3);
                method = standard.group(4);
            } else if (express.matches()) {
                if (!EXPRESS_KEY.equals(headers.get("x-goog-api-key"))) {
                    send(exchange, 400, googleError(400, "API key not valid. Please pass a valid API key.",
                            "INVALID_ARGUMENT"));
                    return;
                }
                model = express.group(1);
                method = express.group(2);
            } else {
                send(exchange, 404, googleError(404, "Not found: " + path, "NOT_FOUND"));
                return;
            }
            JsonNode body = Json.MAPPER.readTree(raw);
            received.add(new Received(path, query, headers, body));
            for (JsonNode content : body.path("contents")) {
                String role = content.path("role").asText("");
                if (!role.equals("user") && !role.equals("model")) {
                    send(exchange, 400, googleError(400, "Please use a valid role: user, model.", "INVALID_ARGUMENT"));
                    return;
                }
            }
            String text = "vertex says hi to " + model;
            switch (method) {
                case "generateContent" -> send(exchange, 200, ScriptedUpstream.geminiAnswer(text));
                case "countTokens" -> send(exchange, 200, "{\"totalTokens\":7,\"totalBillableCharacters\":20}");
                case "streamGenerateContent" -> {
                    if (!"alt=sse".equals(query)) {
                        send(exchange, 400, googleError(400, "this fake streams only with alt=sse", "INVALID_ARGUMENT"));
                        return;
                    }
                    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
                    exchange.sendResponseHeaders(200, 0);
                    OutputStream out = exchange.getResponseBody();
                    out.write(("data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"vertex \"}]}}],"
                            + "\"modelVersion\":\"" + model + "\"}\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    out.write(("data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"streams\"}]},"
                            + "\"finishReason\":\"STOP\"}],\"usageMetadata\":{\"promptTokenCount\":4,"
                            + "\"candidatesTokenCount\":2,\"totalTokenCount\":6},\"modelVersion\":\"" + model
                            + "\"}\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                    out.close();
                }
                default -> send(exchange, 404, googleError(404, "Method not found: " + method, "NOT_FOUND"));
            }
        }
    }

    private static String googleError(int code, String message, String status) {
        return "{\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\",\"status\":\"" + status + "\"}}";
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
