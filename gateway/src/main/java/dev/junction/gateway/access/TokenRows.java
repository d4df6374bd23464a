package dev.junction.gateway.access;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reads a {@code tokens} row. */
final class TokenRows {
    private TokenRows() {}

    static Token read(ResultSet rs) throws SQLException {
        String cidrs = rs.getString("cidrs");
        return new Token(
                rs.getString("id"),
                rs.getString("name"),
                rs.getString("secret_hash"),
                rs.getString("secret_hint"),
                TokenStatus.parse(rs.getString("status")),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")),
                optionalLong(rs, "expires_at").map(Instant::ofEpochMilli),
                ModelAllowlist.parse(rs.getString("models")),
                cidrs == null || cidrs.isBlank() ? List.of()
                        : List.of(cidrs.split(",")).stream().map(CidrBlock::parse).toList(),
                new TokenLimits(
                        optionalInt(rs, "rpm_limit"),
                        optionalInt(rs, "tpm_limit"),
                        optionalInt(rs, "max_concurrent"),
                        optionalLong(rs, "budget_micros"),
                        BudgetPeriod.parse(rs.getString("budget_period"))));
    }

    private static Optional<Long> optionalLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(v);
    }

    private static Optional<Integer> optionalInt(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(v);
    }
}
