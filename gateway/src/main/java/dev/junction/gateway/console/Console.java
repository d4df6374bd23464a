package dev.junction.gateway.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.gateway.admin.AdminHandler;
import dev.junction.gateway.admin.AdminReply;
import dev.junction.gateway.admin.AdminRequest;
import dev.junction.protocol.Json;
import java.io.IOException;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The web console at {@code /console}: its static pages, sign-in with the admin token, and
 * {@code /console/api/...}, which answers each call by the admin API ({@code /admin/v1/...})
 * with the session's authority. The admin token is checked by the admin API itself and kept on
 * the server; the browser holds only a session cookie. Every call that changes something (and
 * logout) must carry the session's CSRF token in {@code X-CSRF-Token}. Blocking (the admin API
 * works on the database): never call it on an event loop.
 *
 * <pre>
 * GET  /console                 the console (one page; it asks /console/api/session whether it is signed in)
 * POST /console/login           {"token": "&lt;admin token&gt;"} opens a session: cookie + {"csrf": ...}
 * POST /console/logout          ends it
 * GET  /console/api/session     {"csrf": ..., "expires_at": ...} while signed in, else 401
 * ANY  /console/api/{rest}      the admin API's /admin/v1/{rest}
 * </pre>
 */
public final class Console {
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String PREFIX = "/console";
    private static final String API = PREFIX + "/api/";
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private final AdminHandler admin;
    private final ConsoleSessions sessions;
    private final ConsoleAssets assets = new ConsoleAssets();

    public Console(AdminHandler admin, ConsoleSessions sessions) {
        this.admin = admin;
        this.sessions = sessions;
    }

    public ConsoleReply handle(ConsoleCall call) {
        return secured(route(call));
    }

    private ConsoleReply route(ConsoleCall call) {
        String path = call.path();
        String method = call.method();
        if (path.equals(PREFIX + "/login")) {
            return method.equals("POST") ? login(call) : notAllowed(method, path);
        }
        if (path.equals(PREFIX + "/logout")) {
            return method.equals("POST") ? logout(call) : notAllowed(method, path);
        }
        if (path.startsWith(API)) {
            return api(call, path.substring(API.length()));
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return notAllowed(method, path);
        }
        String file = path.equals(PREFIX) || path.equals(PREFIX + "/") ? "index.html"
                : path.startsWith(PREFIX + "/") ? path.substring(PREFIX.length() + 1) : "";
        return assets.get(file).map(a -> {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", a.contentType());
            headers.put("Cache-Control", "no-cache");
            return new ConsoleReply(200, headers, method.equals("HEAD") ? new byte[0] : a.bytes());
        }).orElseGet(() -> error(404, "not_found", "The console has no page " + path + "."));
    }

    private ConsoleReply login(ConsoleCall call) {
        String type = call.header().apply("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/json")) {
            // A cross-site form cannot send JSON without the browser asking first: no login CSRF.
            return error(415, "invalid_request", "Sign in with a JSON body: {\"token\": \"<admin token>\"}.");
        }
        String token;
        try {
            JsonNode body = Json.MAPPER.readTree(call.body());
            token = body == null ? "" : body.path("token").asText("").trim();
        } catch (IOException e) {
            return error(400, "invalid_request", "The sign-in body is not valid JSON.");
        }
        if (token.isEmpty()) {
            return error(400, "invalid_request", "Enter the admin token.");
        }
        AdminReply check = admin.handle(adminRequest("GET", "/admin/v1/status", name -> Optional.empty(), token,
                call.remoteAddress(), new byte[0]));
        if (check.status() == 404) {
            return error(404, "console_disabled", "The console is disabled because the admin API is: set admin_token "
                    + "in the configuration or JUNCTION_ADMIN_TOKEN in the environment.");
        }
        if (check.status() != 200) {
            return error(401, "invalid_admin_token", "That is not the admin token.");
        }
        ConsoleSession session = sessions.open(token);
        boolean secure = secure(call);
        long maxAge = Duration.between(session.createdAt(), sessions.expiresAt(session)).toSeconds();
        return ConsoleReply.json(200, sessionBody(session).toString())
                .with("Set-Cookie", SessionCookie.set(session.id(), maxAge, secure));
    }

    private ConsoleReply logout(ConsoleCall call) {
        Optional<ConsoleSession> session = session(call);
        if (session.isPresent()) {
            if (!csrfMatches(call, session.get())) {
                return csrfRefused();
            }
            sessions.close(session.get().id());
        }
        return ConsoleReply.json(200, "{\"signed_out\":true}").with("Set-Cookie", SessionCookie.clear(secure(call)));
    }

    private ConsoleReply api(ConsoleCall call, String rest) {
        Optional<ConsoleSession> found = session(call);
        if (found.isEmpty()) {
            return error(401, "not_signed_in", "Sign in to the console first (the session is missing or has expired).")
                    .with("Set-Cookie", SessionCookie.clear(secure(call)));
        }
        ConsoleSession session = found.get();
        if (rest.equals("session")) {
            return call.method().equals("GET") ? ConsoleReply.json(200, sessionBody(session).toString())
                    : notAllowed(call.method(), call.path());
        }
        if (!call.method().equals("GET") && !call.method().equals("HEAD") && !csrfMatches(call, session)) {
            return csrfRefused();
        }
        AdminReply reply = admin.handle(adminRequest(call.method(), "/admin/v1/" + rest, call.query(),
                session.adminToken(), call.remoteAddress(), call.body()));
        if (reply.status() == 401) {
            // The admin token changed since sign-in.
            sessions.close(session.id());
        }
        return ConsoleReply.json(reply.status(), reply.body());
    }

    private ObjectNode sessionBody(ConsoleSession session) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("csrf", session.csrf());
        body.put("expires_at", sessions.expiresAt(session).toString());
        body.put("idle_timeout_seconds", Duration.between(session.lastSeen(), sessions.expiresAt(session)).toSeconds());
        return body;
    }

    private Optional<ConsoleSession> session(ConsoleCall call) {
        return SessionCookie.read(call.header().apply("Cookie").orElse(null)).flatMap(sessions::find);
    }

    private static boolean csrfMatches(ConsoleCall call, ConsoleSession session) {
        String presented = call.header().apply(CSRF_HEADER).orElse("");
        return MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                session.csrf().getBytes(StandardCharsets.UTF_8));
    }

    private static ConsoleReply csrfRefused() {
        return error(403, "csrf_token_mismatch", "This change needs the session's CSRF token in the "
                + CSRF_HEADER + " header; reload the console.");
    }

    private static boolean secure(ConsoleCall call) {
        return SessionCookie.secure(call.tls(), call.header().apply("X-Forwarded-Proto").orElse(null));
    }

    private static AdminRequest adminRequest(String method, String path,
            java.util.function.Function<String, Optional<String>> query, String token, String remote, byte[] body) {
        return new AdminRequest(method, path, query, Optional.of("Bearer " + token), remote, body);
    }

    private static ConsoleReply notAllowed(String method, String path) {
        return error(405, "method_not_allowed", path + " does not accept " + method + ".");
    }

    static ConsoleReply error(int status, String code, String message) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("message", message);
        error.put("type", status == 401 ? "authentication_error" : status == 403 ? "permission_error"
                : status >= 500 ? "server_error" : "invalid_request_error");
        error.putNull("param");
        error.put("code", code);
        return ConsoleReply.json(status, body.toString());
    }

    /** Headers on every console answer: no framing, no sniffing, scripts only from Junction. */
    private static ConsoleReply secured(ConsoleReply reply) {
        return reply.with("Content-Security-Policy", CSP).with("X-Frame-Options", "DENY")
                .with("X-Content-Type-Options", "nosniff").with("Referrer-Policy", "no-referrer");
    }

}
