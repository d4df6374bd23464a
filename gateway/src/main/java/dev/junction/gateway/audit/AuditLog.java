package dev.junction.gateway.audit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The audit trail of admin actions. Implementation: {@link JdbcAuditLog}. */
public interface AuditLog {
    /**
     * Records an action; fails (with {@link dev.junction.gateway.store.StoreException}) rather
     * than let an action go unrecorded.
     */
    AuditEntry record(String actor, String action, Optional<String> target, String details);

    /** Entries at or after {@code since}, oldest first, {@code limit} at most. */
    List<AuditEntry> since(Instant since, int limit);
}
