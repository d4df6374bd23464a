package dev.junction.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.gateway.access.BudgetPeriod;
import dev.junction.gateway.access.CidrBlock;
import dev.junction.gateway.access.ModelAllowlist;
import dev.junction.gateway.access.NewToken;
import dev.junction.gateway.access.TokenChanges;
import dev.junction.gateway.access.TokenLimits;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Token settings as JSON requests carry them. One flat object for create and update:
 *
 * <pre>
 * {"name": "team-a", "expires_at": "2027-01-01", "models": ["gemini-2.5-*"], "cidrs": ["10.0.0.0/8"],
 *  "rpm": 60, "tpm": 100000, "max_concurrent": 4, "budget_usd": "25.00", "budget_period": "monthly"}
 * </pre>
 *
 * In an update a field left out stays as it is and {@code null} removes the limit.
 */
final class TokenRequests {
    private static final Set<String> FIELDS = Set.of("name", "expires_at", "models", "cidrs", "rpm", "tpm",
            "max_concurrent", "budget_usd", "budget_period");

    private TokenRequests() {}

    static NewToken create(JsonNode body) {
        requireObject(body);
        TokenChanges c = changes(body, true);
        JsonNode name = body.get("name");
        if (name == null || !name.isTextual()) {
            throw AdminException.badRequest("name", "name is required: a unique name for the token");
        }
        TokenLimits limits = new TokenLimits(
                c.requestsPerMinute().flatMap(o -> o), c.tokensPerMinute().flatMap(o -> o),
                c.maxConcurrent().flatMap(o -> o), c.budgetMicros().flatMap(o -> o), c.budgetPeriod().flatMap(o -> o));
        try {
            return new NewToken(name.asText(), c.expiresAt().flatMap(o -> o), c.models().orElse(ModelAllowlist.ANY),
                    c.cidrs().orElse(List.of()), limits);
        } catch (IllegalArgumentException e) {
            throw AdminException.badRequest("name", e.getMessage());
        }
    }

    static TokenChanges update(JsonNode body) {
        requireObject(body);
        if (body.has("name")) {
            throw AdminException.badRequest("name", "a token cannot be renamed; create a new one and revoke this one");
        }
        TokenChanges changes = changes(body, false);
        if (changes.isEmpty()) {
            throw AdminException.badRequest(null, "nothing to change: send one or more of "
                    + String.join(", ", FIELDS.stream().filter(f -> !f.equals("name")).sorted().toList()));
        }
        return changes;
    }

    private static void requireObject(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw AdminException.badRequest(null, "the body must be a JSON object");
        }
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw AdminException.badRequest(f, "unknown field '" + f + "'; known fields: "
                        + String.join(", ", FIELDS.stream().sorted().toList()));
            }
        }
    }

    private static TokenChanges changes(JsonNode body, boolean creating) {
        return new TokenChanges(
                field(body, "expires_at").map(v -> v.isNull() ? Optional.<Instant>empty() : Optional.of(instant(v))),
                field(body, "models").map(v -> v.isNull() ? ModelAllowlist.ANY : new ModelAllowlist(strings(v, "models"))),
                field(body, "cidrs").map(v -> v.isNull() ? List.<CidrBlock>of() : cidrs(v)),
                field(body, "rpm").map(v -> positive(v, "rpm")),
                field(body, "tpm").map(v -> positive(v, "tpm")),
                field(body, "max_concurrent").map(v -> positive(v, "max_concurrent")),
                field(body, "budget_usd").map(v -> v.isNull() ? Optional.<Long>empty() : Optional.of(micros(v))),
                field(body, "budget_period").map(v -> v.isNull() ? Optional.<BudgetPeriod>empty() : period(v)));
    }

    private static Optional<JsonNode> field(JsonNode body, String name) {
        return Optional.ofNullable(body.get(name));
    }

    static Instant instant(JsonNode v) {
        if (!v.isTextual()) {
            throw AdminException.badRequest("expires_at", "expires_at must be a date (2027-01-01) or a time "
                    + "(2027-01-01T12:00:00Z)");
        }
        return parseTime(v.asText(), "expires_at");
    }

    /** A date (midnight UTC), an ISO-8601 time with offset, or epoch milliseconds. */
    static Instant parseTime(String text, String param) {
        String t = text.trim();
        try {
            if (t.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (t.matches("\\d{1,15}")) {
                return Instant.ofEpochMilli(Long.parseLong(t));
            }
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            throw AdminException.badRequest(param, param + " must be a date (2027-01-01), a time "
                    + "(2027-01-01T12:00:00Z) or epoch milliseconds, got '" + text + "'");
        }
    }

    private static List<String> strings(JsonNode v, String param) {
        if (!v.isArray()) {
            throw AdminException.badRequest(param, param + " must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isTextual() || e.asText().isBlank()) {
                throw AdminException.badRequest(param, param + " must be a list of non-empty strings");
            }
            out.add(e.asText().trim());
        }
        return out;
    }

    private static List<CidrBlock> cidrs(JsonNode v) {
        try {
            return strings(v, "cidrs").stream().map(CidrBlock::parse).toList();
        } catch (IllegalArgumentException e) {
            throw AdminException.badRequest("cidrs", e.getMessage());
        }
    }

    private static Optional<Integer> positive(JsonNode v, String param) {
        if (v.isNull()) {
            return Optional.empty();
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() <= 0) {
            throw AdminException.badRequest(param, param + " must be a positive whole number or null (no limit)");
        }
        return Optional.of(v.asInt());
    }

    private static long micros(JsonNode v) {
        try {
            if (!(v.isNumber() || v.isTextual())) {
                throw new NumberFormatException();
            }
            BigDecimal usd = new BigDecimal(v.asText().trim());
            if (usd.signum() < 0) {
                throw new NumberFormatException();
            }
            return usd.movePointRight(6).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw AdminException.badRequest("budget_usd", "budget_usd must be a non-negative amount of US dollars "
                    + "with at most 6 decimals, such as 25 or \"25.00\"");
        }
    }

    private static Optional<BudgetPeriod> period(JsonNode v) {
        try {
            return BudgetPeriod.parse(v.asText());
        } catch (IllegalArgumentException e) {
            throw AdminException.badRequest("budget_period", e.getMessage());
        }
    }
}
