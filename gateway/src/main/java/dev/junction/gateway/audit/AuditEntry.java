package dev.junction.gateway.audit;

import java.time.Instant;
import java.util.Optional;

/**
 * One admin action.
 *
 * @param actor who: {@code admin-api@<client address>} or {@code cli:<user>}
 * @param action what, e.g. {@code token.create}
 * @param target the object acted on, e.g. a token's name
 * @param details what changed, as a JSON object (never a secret)
 */
public record AuditEntry(String id, Instant time, String actor, String action, Optional<String> target,
        String details) {}
