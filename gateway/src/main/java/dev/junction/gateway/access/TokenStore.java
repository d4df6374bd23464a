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
 *
 * <p>Every change (create, update, revoke) takes the next number of the database's token
 * change counter in the same transaction and stamps it on the row, so mirrors catch up by
 * number ({@link #changedAfter}) and no instance's clock decides what they see.
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
        try (Connection c = database.connection()) {
            inTransaction(c, () -> {
                long change = nextChange(c);
                if (byName(c, spec.name()).isPresent()) {
                    throw new IllegalArgumentException("a token named '" + spec.name() + "' already exists");
                }
                try (PreparedStatement s = c.prepareStatement("INSERT INTO tokens (" + COLUMNS + ", change_seq) VALUES "
                        + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    bind(s, token);
                    s.setLong(16, change);
                    s.executeUpdate();
                }
                return null;
            });
        } catch (SQLException e) {
            throw new StoreException("cannot create token " + spec.name(), e);
        }
        return new IssuedToken(token, secret);
    }

    public List<Token> list() {
        return query("SELECT " + COLUMNS + " FROM tokens ORDER BY created_at, name");
    }

    public Optional<Token> byName(String name) {
        try (Connection c = database.connection()) {
            return byName(c, name);
        } catch (SQLException e) {
            throw new StoreException("cannot read token " + name, e);
        }
    }

    /**
     * Tokens whose latest change has a number above {@code change} (every token for -1), for the
     * in-memory mirror to catch up; {@link ChangedTokens#through} is where the next call starts.
     */
    public ChangedTokens changedAfter(long change) {
        try (Connection c = database.connection();
                PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + ", change_seq FROM tokens "
                        + "WHERE change_seq > ? ORDER BY change_seq")) {
            s.setLong(1, change);
            List<Token> tokens = new ArrayList<>();
            long through = change;
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    tokens.add(TokenRows.read(rs));
                    through = Math.max(through, rs.getLong("change_seq"));
                }
            }
            return new ChangedTokens(tokens, through);
        } catch (SQLException e) {
            throw new StoreException("cannot read token changes", e);
        }
    }

    /** Revokes a token; false if there is no active token of that name. */
    public boolean revoke(String name) {
        try (Connection c = database.connection()) {
            return inTransaction(c, () -> {
                long change = nextChange(c);
                try (PreparedStatement s = c.prepareStatement(
                        "UPDATE tokens SET status = ?, updated_at = ?, change_seq = ? WHERE name = ? AND status = ?")) {
                    s.setString(1, TokenStatus.REVOKED.wire());
                    s.setLong(2, clock.millis());
                    s.setLong(3, change);
                    s.setString(4, name);
                    s.setString(5, TokenStatus.ACTIVE.wire());
                    return s.executeUpdate() == 1;
                }
            });
        } catch (SQLException e) {
            throw new StoreException("cannot revoke token " + name, e);
        }
    }

    /** Changes a token's settings; empty if there is no token of that name. */
    public Optional<Token> update(String name, TokenChanges changes) {
        try (Connection c = database.connection()) {
            return inTransaction(c, () -> update(c, name, changes));
        } catch (SQLException e) {
            throw new StoreException("cannot update token " + name, e);
        }
    }

    private Optional<Token> update(Connection c, String name, TokenChanges changes) throws SQLException {
        long change = nextChange(c);
        Optional<Token> current = byName(c, name);
        if (current.isEmpty()) {
            return Optional.empty();
        }
        Token updated = changes.applyTo(current.get(), clock.instant());
        try (PreparedStatement s = c.prepareStatement("UPDATE tokens SET updated_at = ?, expires_at = ?, models = ?, "
                + "cidrs = ?, rpm_limit = ?, tpm_limit = ?, max_concurrent = ?, budget_micros = ?, budget_period = ?, "
                + "change_seq = ? WHERE id = ?")) {
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
            s.setLong(10, change);
            s.setString(11, updated.id());
            s.executeUpdate();
        }
        return Optional.of(updated);
    }

    /** Work done in one transaction, committed when it returns, rolled back when it throws. */
    @FunctionalInterface
    private interface Work<T> {
        T run() throws SQLException;
    }

    private static <T> T inTransaction(Connection c, Work<T> work) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            T result = work.run();
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /**
     * The next token change number. Incrementing the counter row first makes this transaction
     * its writer: on PostgreSQL the row stays locked until commit, so a later change waits and
     * gets a higher number that becomes visible after this one; SQLite has one writer anyway.
     */
    private static long nextChange(Connection c) throws SQLException {
        try (PreparedStatement bump = c.prepareStatement("UPDATE token_sequence SET value = value + 1 WHERE id = 1")) {
            bump.executeUpdate();
        }
        try (PreparedStatement read = c.prepareStatement("SELECT value FROM token_sequence WHERE id = 1");
                ResultSet rs = read.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("the token change counter (token_sequence) has no row");
            }
            return rs.getLong(1);
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

    private List<Token> query(String sql) {
        try (Connection c = database.connection(); PreparedStatement s = c.prepareStatement(sql)) {
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
