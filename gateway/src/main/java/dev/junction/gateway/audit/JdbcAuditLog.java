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

/** The {@code audit_log} table. */
public final class JdbcAuditLog implements AuditLog {
    private final Database database;
    private final Clock clock;

    public JdbcAuditLog(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    @Override
    public AuditEntry record(String actor, String action, Optional<String> target, String details) {
        AuditEntry entry = new AuditEntry(UUID.randomUUID().toString(), clock.instant(), actor, action, target, details);
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
