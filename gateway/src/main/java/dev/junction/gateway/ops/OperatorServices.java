package dev.junction.gateway.ops;

import dev.junction.gateway.access.TokenRegistry;
import dev.junction.gateway.access.TokenStore;
import dev.junction.gateway.admin.AdminHandler;
import dev.junction.gateway.audit.AuditLog;
import dev.junction.gateway.audit.JdbcAuditLog;
import dev.junction.gateway.config.JunctionConfig;
import dev.junction.gateway.filter.GatewayFilter;
import dev.junction.gateway.filter.OffLoopFilter;
import dev.junction.gateway.limits.ConcurrencyFilter;
import dev.junction.gateway.limits.LimitBackends;
import dev.junction.gateway.limits.QuotaFilter;
import dev.junction.gateway.limits.RateLimitFilter;
import dev.junction.gateway.store.Database;
import dev.junction.gateway.usage.JdbcUsageStore;
import dev.junction.gateway.usage.MeteringFilter;
import dev.junction.gateway.usage.UsageJournal;
import dev.junction.gateway.usage.UsageRecord;
import dev.junction.gateway.usage.UsageSink;
import dev.junction.gateway.usage.UsageStore;
import dev.junction.gateway.usage.UsageWriter;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What operators get, wired once: metering, limits, budgets, the usage writer and the admin API.
 * The gateway puts {@link #filters()} into its chain after key policy, sends finished requests
 * to {@link #usageSink}, mounts {@link #admin()} and closes this before the database, which
 * drains the usage queue.
 */
public final class OperatorServices implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(OperatorServices.class.getName());

    private final UsageStore usage;
    private final AuditLog audit;
    private final LimitBackends limits;
    private final UsageWriter writer;
    private final List<GatewayFilter> filters;
    private final AdminHandler admin;

    private OperatorServices(UsageStore usage, AuditLog audit, LimitBackends limits, UsageWriter writer,
            List<GatewayFilter> filters, AdminHandler admin) {
        this.usage = usage;
        this.audit = audit;
        this.limits = limits;
        this.writer = writer;
        this.filters = filters;
        this.admin = admin;
    }

    /**
     * Starts the usage writer and the limit backends, loads each budgeted token's spend, and
     * schedules the spend sync on {@code background}.
     */
    public static OperatorServices start(JunctionConfig config, Database database, TokenStore tokens,
            TokenRegistry registry, Clock clock, ScheduledExecutorService background,
            java.util.function.Supplier<dev.junction.gateway.routing.Upstreams> upstreams) {
        UsageStore usage = new JdbcUsageStore(database);
        AuditLog audit = new JdbcAuditLog(database, clock);
        LimitBackends limits = LimitBackends.create(config.limits(), usage, clock, background);
        try {
            UsageWriter.Listener listener = limits.budgets() instanceof UsageWriter.Listener l ? l : records -> {};
            Optional<UsageJournal> journal = config.usage().journal()
                    ? Optional.of(UsageJournal.open(config.dataDir().resolve("usage-journal")))
                    : Optional.empty();
            UsageWriter writer = new UsageWriter(usage, config.usage(), listener, journal);
            limits.budgets().preload(tokens.list());
            long sync = config.limits().spendSync().toMillis();
            background.scheduleWithFixedDelay(() -> {
                try {
                    limits.budgets().sync();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "cannot sync budget spend (using what is known): {0}", e.getMessage());
                }
            }, sync, sync, TimeUnit.MILLISECONDS);
            int reserve = config.limits().reserveOutputTokens();
            List<GatewayFilter> filters = List.of(
                    new MeteringFilter(config.prices()),
                    new ConcurrencyFilter(limits.concurrency(), limits.guard()),
                    new RateLimitFilter(limits.buckets(), limits.guard(), reserve),
                    new QuotaFilter(limits.budgets(), config.prices(), limits.guard(), reserve));
            if (limits.shared()) {
                // Shared limits live in Redis: checking and settling them are network round trips.
                filters = List.of(new OffLoopFilter(filters));
            }
            AdminHandler admin = new AdminHandler(config.adminToken(), new AdminHandler.Services(tokens,
                    registry::refresh, usage, audit, limits.budgets(), writer::stats, limits.shared(), upstreams), clock);
            return new OperatorServices(usage, audit, limits, writer, filters, admin);
        } catch (RuntimeException e) {
            limits.close();
            throw e;
        }
    }

    /**
     * Metering, concurrency, rate limits and budgets, in that order (metering settles first);
     * with shared limits, all four run off the event loop.
     */
    public List<GatewayFilter> filters() {
        return filters;
    }

    /**
     * Records go to {@code log} always and to the database when the request was authenticated
     * (so a flood of bad tokens cannot fill the usage table).
     */
    public UsageSink usageSink(UsageSink log) {
        return new UsageSink() {
            @Override
            public void keep(UsageRecord record) {
                log.keep(record);
                if (record.tokenId().isPresent()) {
                    writer.keep(record);
                }
            }

            @Override
            public void accept(UsageRecord record) {
                log.accept(record);
                if (record.tokenId().isPresent()) {
                    writer.accept(record);
                }
            }
        };
    }

    public AdminHandler admin() {
        return admin;
    }

    public UsageStore usage() {
        return usage;
    }

    public AuditLog audit() {
        return audit;
    }

    public LimitBackends limits() {
        return limits;
    }

    public UsageWriter writer() {
        return writer;
    }

    /** Drains the usage queue (up to {@code usage.drain_timeout}), then lets go of Redis. */
    @Override
    public void close() {
        try {
            writer.close();
        } finally {
            limits.close();
        }
    }
}
