package dev.junction.gateway.audit;

import dev.junction.gateway.store.Database;
import dev.junction.gateway.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** The {@code audit_log} table. */
public final class JdbcAuditLog implements AuditLog {
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final Database database;
    private final Clock clock;

    public JdbcAuditLog(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    @Override
    public AuditEntry record(String actor, String action, Optional<String> target, String details) {
        Instant now = clock.instant();
        AuditEntry entry = new AuditEntry(id(now), now, actor, action, target, details);
        try (Connection c = database.connection();
                PreparedStatement s = c.prepareStatement(
                        "INSERT INTO audit_log (id, occurred_at, actor, action, target, details) VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setString(1, entry.id());
            s.setLong(2, entry.time().toEpochMilli());
            s.setString(3, actor);
            s.setString(4, action);
            if (target.isPresent()) {
                s.setString(5, target.get());
            } else {
                s.setNull(5, Types.VARCHAR);
            }
            s.setString(6, details);
            s.executeUpdate();
            return entry;
        } catch (SQLException e) {
            throw new StoreException("cannot record " + action + " in the audit log", e);
        }
    }

    /**
     * Ids that sort in the order entries were made (time, then this process's sequence, then
     * randomness against other processes), so entries of the same millisecond list in order.
     */
    private static String id(Instant now) {
        return String.format("%012x-%08x-%s", now.toEpochMilli(), SEQUENCE.incrementAndGet() & 0xFFFFFFFFL,
                UUID.randomUUID().toString().substring(0, 13));
    }

    @Override
    public List<AuditEntry> since(Instant since, int limit) {
        try (Connection c = database.connection();
                PreparedStatement s = c.prepareStatement("SELECT id, occurred_at, actor, action, target, details "
                        + "FROM audit_log WHERE occurred_at >= ? ORDER BY occurred_at, id LIMIT ?")) {
            s.setLong(1, since.toEpochMilli());
            s.setInt(2, limit);
            List<AuditEntry> entries = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    entries.add(new AuditEntry(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3),
                            rs.getString(4), Optional.ofNullable(rs.getString(5)), rs.getString(6)));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw new StoreException("cannot read the audit log", e);
        }
    }
}
