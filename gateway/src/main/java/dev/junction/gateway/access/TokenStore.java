package dev.junction.gateway.access;

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

/**
 * Tokens in the database (SQLite or PostgreSQL: the SQL is portable). Never on the request path:
 * requests read {@link TokenRegistry}, which mirrors this table in memory.
 */
public final class TokenStore {
    private static final String COLUMNS = "id, name, secret_hash, secret_hint, status, created_at, updated_at, "
            + "expires_at, models, cidrs, rpm_limit, tpm_limit, max_concurrent, budget_micros, budget_period";

    private final Database database;
    private final Clock clock;

    public TokenStore(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Creates a token; fails with {@link IllegalArgumentException} if the name is taken. */
    public IssuedToken create(NewToken spec) {
        String secret = TokenSecrets.generate();
        Instant now = clock.instant();
        Token token = new Token(UUID.randomUUID().toString(), spec.name(), TokenSecrets.hashHex(secret),
                TokenSecrets.hint(secret), TokenStatus.ACTIVE, now, now, spec.expiresAt(), spec.models(),
                spec.cidrs(), spec.limits());
        try (Connection c = database.connection();
                PreparedStatement s = c.prepareStatement("INSERT INTO tokens (" + COLUMNS + ") VALUES "
                        + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            if (byName(c, spec.name()).isPresent()) {
                throw new IllegalArgumentException("a token named '" + spec.name() + "' already exists");
            }
            bind(s, token);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot create token " + spec.name(), e);
        }
        return new IssuedToken(token, secret);
    }

    public List<Token> list() {
        return query("SELECT " + COLUMNS + " FROM tokens ORDER BY created_at, name", null);
    }

    public Optional<Token> byName(String name) {
        try (Connection c = database.connection()) {
            return byName(c, name);
        } catch (SQLException e) {
            throw new StoreException("cannot read token " + name, e);
        }
    }

    /** Tokens changed at or after {@code since}, for the in-memory mirror to catch up. */
    public List<Token> changedSince(Instant since) {
        return query("SELECT " + COLUMNS + " FROM tokens WHERE updated_at >= ? ORDER BY updated_at", since);
    }

    /** Revokes a token; false if there is no active token of that name. */
    public boolean revoke(String name) {
        try (Connection c = database.connection();
                PreparedStatement s = c.prepareStatement(
                        "UPDATE tokens SET status = ?, updated_at = ? WHERE name = ? AND status = ?")) {
            s.setString(1, TokenStatus.REVOKED.wire());
            s.setLong(2, clock.millis());
            s.setString(3, name);
            s.setString(4, TokenStatus.ACTIVE.wire());
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("cannot revoke token " + name, e);
        }
    }

    /** Changes a token's settings; empty if there is no token of that name. */
    public Optional<Token> update(String name, TokenChanges changes) {
        try (Connection c = database.connection()) {
            Optional<Token> current = byName(c, name);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            Token updated = changes.applyTo(current.get(), clock.instant());
            try (PreparedStatement s = c.prepareStatement("UPDATE tokens SET updated_at = ?, expires_at = ?, models = ?, "
                    + "cidrs = ?, rpm_limit = ?, tpm_limit = ?, max_concurrent = ?, budget_micros = ?, budget_period = ? "
                    + "WHERE id = ?")) {
                s.setLong(1, updated.updatedAt().toEpochMilli());
                setLong(s, 2, updated.expiresAt().map(Instant::toEpochMilli));
                setText(s, 3, updated.models().allowsAll() ? Optional.empty() : Optional.of(updated.models().joined()));
                setText(s, 4, updated.cidrs().isEmpty() ? Optional.empty()
                        : Optional.of(String.join(",", updated.cidrs().stream().map(CidrBlock::text).toList())));
                setInt(s, 5, updated.limits().requestsPerMinute());
                setInt(s, 6, updated.limits().tokensPerMinute());
                setInt(s, 7, updated.limits().maxConcurrent());
                setLong(s, 8, updated.limits().budgetMicros());
                setText(s, 9, updated.limits().budgetPeriod().map(BudgetPeriod::wire));
                s.setString(10, updated.id());
                s.executeUpdate();
            }
            return Optional.of(updated);
        } catch (SQLException e) {
            throw new StoreException("cannot update token " + name, e);
        }
    }

    private Optional<Token> byName(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM tokens WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(TokenRows.read(rs)) : Optional.empty();
            }
        }
    }

    private List<Token> query(String sql, Instant since) {
        try (Connection c = database.connection(); PreparedStatement s = c.prepareStatement(sql)) {
            if (since != null) {
                s.setLong(1, since.toEpochMilli());
            }
            List<Token> tokens = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    tokens.add(TokenRows.read(rs));
                }
            }
            return tokens;
        } catch (SQLException e) {
            throw new StoreException("cannot read tokens", e);
        }
    }

    private static void bind(PreparedStatement s, Token t) throws SQLException {
        s.setString(1, t.id());
        s.setString(2, t.name());
        s.setString(3, t.secretHash());
        s.setString(4, t.secretHint());
        s.setString(5, t.status().wire());
        s.setLong(6, t.createdAt().toEpochMilli());
        s.setLong(7, t.updatedAt().toEpochMilli());
        setLong(s, 8, t.expiresAt().map(Instant::toEpochMilli));
        setText(s, 9, t.models().allowsAll() ? Optional.empty() : Optional.of(t.models().joined()));
        setText(s, 10, t.cidrs().isEmpty() ? Optional.empty() : Optional.of(String.join(",", t.cidrs().stream().map(CidrBlock::text).toList())));
        setInt(s, 11, t.limits().requestsPerMinute());
        setInt(s, 12, t.limits().tokensPerMinute());
        setInt(s, 13, t.limits().maxConcurrent());
        setLong(s, 14, t.limits().budgetMicros());
        setText(s, 15, t.limits().budgetPeriod().map(BudgetPeriod::wire));
    }

    static void setLong(PreparedStatement s, int i, Optional<Long> v) throws SQLException {
        if (v.isPresent()) {
            s.setLong(i, v.get());
        } else {
            s.setNull(i, Types.BIGINT);
        }
    }

    static void setInt(PreparedStatement s, int i, Optional<Integer> v) throws SQLException {
        if (v.isPresent()) {
            s.setInt(i, v.get());
        } else {
            s.setNull(i, Types.INTEGER);
        }
    }

    static void setText(PreparedStatement s, int i, Optional<String> v) throws SQLException {
        if (v.isPresent()) {
            s.setString(i, v.get());
        } else {
            s.setNull(i, Types.VARCHAR);
        }
    }
}
