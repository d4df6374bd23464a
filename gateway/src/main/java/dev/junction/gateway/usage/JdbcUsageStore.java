package dev.junction.gateway.usage;

import dev.junction.gateway.store.Database;
import dev.junction.gateway.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Usage records and spend in SQLite or PostgreSQL, with SQL both accept ({@code ON CONFLICT}
 * upserts, integer division for hour and day buckets). Every record is cut to fit the table
 * ({@link UsageRecordBounds}) before it is written.
 */
public final class JdbcUsageStore implements UsageStore {
    private static final String FAILED = "status >= 400 OR error_kind IS NOT NULL";
    private static final String COLUMNS = "request_id, started_at, token_id, token_name, model, upstream_model, "
            + "upstream, attempts, protocol, endpoint, stream, prompt_tokens, output_tokens, thought_tokens, cached_tokens, "
            + "estimated, cost_micros, latency_ms, first_byte_ms, status, error_kind, client_gone";
    private static final String INSERT = "INSERT INTO usage_records (" + COLUMNS + ") VALUES "
            + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (request_id) DO NOTHING";
    private static final String ADD_SPEND = "INSERT INTO token_spend (token_id, day, cost_micros, requests) "
            + "VALUES (?, ?, ?, ?) ON CONFLICT (token_id, day) DO UPDATE SET "
            + "cost_micros = token_spend.cost_micros + excluded.cost_micros, "
            + "requests = token_spend.requests + excluded.requests";
    private static final long DAY_MILLIS = 86_400_000L;

    private final Database database;

    public JdbcUsageStore(Database database) {
        this.database = database;
    }

    @Override
    public List<UsageRecord> insert(List<UsageRecord> records) {
        if (records.isEmpty()) {
            return List.of();
        }
        try (Connection c = database.connection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                List<UsageRecord> inserted = insertRecords(c, records);
                addSpend(c, inserted);
                c.commit();
                return inserted;
            } catch (SQLException | RuntimeException e) {
                rollback(c);
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot write " + records.size() + " usage records", e);
        }
    }

    private static List<UsageRecord> insertRecords(Connection c, List<UsageRecord> records) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(INSERT)) {
            for (UsageRecord r : records) {
                bind(s, UsageRecordBounds.bound(r));
                s.addBatch();
            }
            int[] counts = s.executeBatch();
            List<UsageRecord> inserted = new ArrayList<>(records.size());
            for (int i = 0; i < records.size(); i++) {
                // A driver that cannot tell (SUCCESS_NO_INFO) is taken at its word that it wrote.
                if (i >= counts.length || counts[i] != 0) {
                    inserted.add(records.get(i));
                }
            }
            return inserted;
        }
    }

    private static void addSpend(Connection c, List<UsageRecord> inserted) throws SQLException {
        record Key(String tokenId, long day) {}
        Map<Key, long[]> spend = new LinkedHashMap<>();
        for (UsageRecord r : inserted) {
            if (r.tokenId().isPresent()) {
                long[] sums = spend.computeIfAbsent(new Key(r.tokenId().get(),
                        Math.floorDiv(r.time().toEpochMilli(), DAY_MILLIS)), k -> new long[2]);
                sums[0] += r.costMicros();
                sums[1]++;
            }
        }
        if (spend.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(ADD_SPEND)) {
            for (Map.Entry<Key, long[]> e : spend.entrySet()) {
                s.setString(1, e.getKey().tokenId());
                s.setLong(2, e.getKey().day());
                s.setLong(3, e.getValue()[0]);
                s.setLong(4, e.getValue()[1]);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static void bind(PreparedStatement s, UsageRecord r) throws SQLException {
        int i = 0;
        s.setString(++i, r.requestId());
        s.setLong(++i, r.time().toEpochMilli());
        setText(s, ++i, r.tokenId());
        setText(s, ++i, r.tokenName());
        s.setString(++i, r.model());
        s.setString(++i, r.upstreamModel());
        s.setString(++i, r.upstream());
        s.setInt(++i, r.attempts());
        s.setString(++i, r.protocol());
        s.setString(++i, r.endpoint());
        s.setInt(++i, r.stream() ? 1 : 0);
        s.setInt(++i, r.promptTokens());
        s.setInt(++i, r.outputTokens());
        s.setInt(++i, r.thoughtTokens());
        s.setInt(++i, r.cachedTokens());
        s.setInt(++i, r.estimated() ? 1 : 0);
        s.setLong(++i, r.costMicros());
        s.setLong(++i, r.latencyMillis());
        if (r.firstByteMillis().isPresent()) {
            s.setLong(++i, r.firstByteMillis().get());
        } else {
            s.setNull(++i, Types.BIGINT);
        }
        s.setInt(++i, r.status());
        setText(s, ++i, r.errorKind());
        s.setInt(++i, r.clientGone() ? 1 : 0);
    }

    private static void setText(PreparedStatement s, int i, Optional<String> v) throws SQLException {
        if (v.isPresent()) {
            s.setString(i, v.get());
        } else {
            s.setNull(i, Types.VARCHAR);
        }
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // The connection is broken; the pool discards it.
        }
    }

    @Override
    public UsagePage find(UsageQuery query, Optional<String> cursor, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM usage_records WHERE ");
        List<Object> args = new ArrayList<>();
        where(query, sql, args);
        if (cursor.isPresent()) {
            Cursor after = Cursor.decode(cursor.get());
            sql.append(" AND (started_at < ? OR (started_at = ? AND request_id < ?))");
            args.add(after.startedAt());
            args.add(after.startedAt());
            args.add(after.requestId());
        }
        sql.append(" ORDER BY started_at DESC, request_id DESC LIMIT ?");
        args.add(limit + 1);
        List<UsageRecord> records = new ArrayList<>();
        try (Connection c = database.connection(); PreparedStatement s = c.prepareStatement(sql.toString())) {
            bindAll(s, args);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    records.add(read(rs));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read usage records", e);
        }
        if (records.size() <= limit) {
            return new UsagePage(records, Optional.empty());
        }
        List<UsageRecord> page = records.subList(0, limit);
        UsageRecord last = page.get(page.size() - 1);
        return new UsagePage(page, Optional.of(new Cursor(last.time().toEpochMilli(), last.requestId()).encode()));
    }

    @Override
    public UsageSummary summarize(UsageQuery query, UsageSummary.GroupBy by, Optional<UsageSummary.Period> per) {
        String period = per.map(p -> "(started_at / " + p.millis() + ") * " + p.millis()).orElse("0");
        String key = switch (by) {
            case TOKEN -> "COALESCE(token_name, '')";
            case MODEL -> "model";
            case UPSTREAM -> "upstream";
            case NONE -> "''";
        };
        StringBuilder sql = new StringBuilder("SELECT " + period + " AS period, " + key + " AS group_key, COUNT(*), "
                + "SUM(CASE WHEN " + FAILED + " THEN 1 ELSE 0 END), SUM(prompt_tokens), "
                + "SUM(output_tokens), SUM(thought_tokens), SUM(cached_tokens), SUM(cost_micros) "
                + "FROM usage_records WHERE ");
        List<Object> args = new ArrayList<>();
        where(query, sql, args);
        // Positions rather than expressions: PostgreSQL refuses a constant ('' or 0) in GROUP BY.
        sql.append(" GROUP BY 1, 2 ORDER BY 1, 2");
        List<UsageSummary.Row> rows = new ArrayList<>();
        try (Connection c = database.connection(); PreparedStatement s = c.prepareStatement(sql.toString())) {
            bindAll(s, args);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(new UsageSummary.Row(
                            per.isPresent() ? Optional.of(Instant.ofEpochMilli(rs.getLong(1))) : Optional.empty(),
                            rs.getString(2),
                            new UsageSummary.Totals(rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                                    rs.getLong(7), rs.getLong(8), rs.getLong(9))));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot summarise usage", e);
        }
        return UsageSummary.of(rows);
    }

    @Override
    public Map<String, Long> spendSince(long fromEpochDay) {
        Map<String, Long> spend = new HashMap<>();
        try (Connection c = database.connection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT token_id, SUM(cost_micros) FROM token_spend WHERE day >= ? GROUP BY token_id")) {
            s.setLong(1, fromEpochDay);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    spend.put(rs.getString(1), rs.getLong(2));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read spend", e);
        }
        return spend;
    }

    private static void where(UsageQuery q, StringBuilder sql, List<Object> args) {
        sql.append("started_at >= ? AND started_at < ?");
        args.add(q.since().toEpochMilli());
        args.add(q.until().toEpochMilli());
        q.tokenName().ifPresent(t -> {
            sql.append(" AND token_name = ?");
            args.add(t);
        });
        q.model().ifPresent(m -> {
            sql.append(" AND model = ?");
            args.add(m);
        });
        q.upstream().ifPresent(u -> {
            sql.append(" AND upstream = ?");
            args.add(u);
        });
        q.failed().ifPresent(f -> sql.append(f ? " AND (" + FAILED + ")" : " AND NOT (" + FAILED + ")"));
    }

    private static void bindAll(PreparedStatement s, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            Object a = args.get(i);
            if (a instanceof Long l) {
                s.setLong(i + 1, l);
            } else if (a instanceof Integer n) {
                s.setInt(i + 1, n);
            } else {
                s.setString(i + 1, (String) a);
            }
        }
    }

    private static UsageRecord read(ResultSet rs) throws SQLException {
        long firstByte = rs.getLong("first_byte_ms");
        Optional<Long> firstByteMillis = rs.wasNull() ? Optional.empty() : Optional.of(firstByte);
        return new UsageRecord(
                Instant.ofEpochMilli(rs.getLong("started_at")),
                rs.getString("request_id"),
                Optional.ofNullable(rs.getString("token_id")),
                Optional.ofNullable(rs.getString("token_name")),
                rs.getString("model"),
                rs.getString("upstream_model"),
                rs.getString("upstream"),
                rs.getInt("attempts"),
                rs.getString("protocol"),
                rs.getString("endpoint"),
                rs.getInt("stream") != 0,
                rs.getInt("prompt_tokens"),
                rs.getInt("output_tokens"),
                rs.getInt("thought_tokens"),
                rs.getInt("cached_tokens"),
                rs.getInt("estimated") != 0,
                rs.getLong("cost_micros"),
                rs.getLong("latency_ms"),
                firstByteMillis,
                rs.getInt("status"),
                Optional.ofNullable(rs.getString("error_kind")),
                rs.getInt("client_gone") != 0);
    }

    /** Where a page ends: opaque to clients, so its form may change. */
    private record Cursor(long startedAt, String requestId) {
        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((startedAt + "/" + requestId).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String text) {
            try {
                String raw = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
                int slash = raw.indexOf('/');
                return new Cursor(Long.parseLong(raw.substring(0, slash)), raw.substring(slash + 1));
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                throw new IllegalArgumentException("cursor is not one Junction gave out: '" + text + "'");
            }
        }
    }

}
