package dev.junction.gateway.usage;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where usage records and per-token spend are kept. Implementations: {@link JdbcUsageStore}
 * (SQLite or PostgreSQL). Never called on the request path: the {@link UsageWriter} calls
 * {@link #insert} from its own thread, the admin API and the CLI read.
 */
public interface UsageStore {
    /**
     * Writes records and adds their cost to their tokens' daily spend, all or nothing. A record
     * whose request id is already stored is skipped (spend included), so a batch may be retried
     * after a failure whose outcome is unknown.
     *
     * @return the records that were new
     * @throws dev.junction.gateway.store.StoreException when the database fails
     */
    List<UsageRecord> insert(List<UsageRecord> records);

    /** Records matching {@code query}, newest first, {@code limit} at most, after {@code cursor}. */
    UsagePage find(UsageQuery query, Optional<String> cursor, int limit);

    /** Records matching {@code query} added up by {@code by} and, when given, per hour or day. */
    UsageSummary summarize(UsageQuery query, UsageSummary.GroupBy by, Optional<UsageSummary.Period> per);

    /** Spend per token id in micro-dollars from the UTC day {@code fromEpochDay} on. */
    Map<String, Long> spendSince(long fromEpochDay);
}
