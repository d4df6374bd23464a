package dev.junction.gateway.limits;

import dev.junction.gateway.access.Token;
import dev.junction.gateway.usage.UsageRecord;
import dev.junction.gateway.usage.UsageStore;
import dev.junction.gateway.usage.UsageWriter;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Budgets counted in this process. The request path only touches memory; the database is read
 * in the background.
 *
 * <p>How spend is known without a database round trip per request: for each budgeted token,
 * {@code spent = base + pending}, where {@code base} is what the database held for the current
 * period at the last {@link #sync} (plus records this instance wrote since), and {@code pending}
 * is what requests settled here whose usage records the {@link UsageWriter} has not yet stored.
 * When the writer stores a record ({@link #written}) its cost moves from pending to base. So
 * nothing settled is ever missing from {@code spent}, a restart loses nothing that reached the
 * database, and instances that share a database without Redis see each other's spending within
 * one sync interval. A sync that races a write may count that write twice until the next sync:
 * the error is always on the side of spending less.
 */
public final class LocalBudgetLedger implements BudgetLedger, UsageWriter.Listener {
    private static final System.Logger LOG = System.getLogger(LocalBudgetLedger.class.getName());

    private final UsageStore store;
    private final Clock clock;
    private final Executor background;
    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final Object syncLock = new Object();

    /** One token's spend; guarded by its own monitor. */
    private static final class State {
        long startDay = -1;
        long base;
        final TreeMap<Long, Long> pending = new TreeMap<>();
        long reserved;

        long spent(long fromDay) {
            long sum = base;
            for (long micros : pending.tailMap(fromDay, true).values()) {
                sum += micros;
            }
            return sum;
        }
    }

    /** @param background where a sync triggered by a new period runs, off the request path */
    public LocalBudgetLedger(UsageStore store, Clock clock, Executor background) {
        this.store = store;
        this.clock = clock;
        this.background = background;
    }

    @Override
    public Reservation reserve(Token token, Instant at, long estimateMicros, String requestId) {
        long budget = token.limits().budgetMicros().orElseThrow();
        BudgetWindow window = BudgetWindow.of(token.limits().budgetPeriod(), at);
        State state = states.computeIfAbsent(token.id(), id -> new State());
        boolean newWindow;
        synchronized (state) {
            newWindow = state.startDay != window.startDay();
            if (newWindow) {
                // A new period (or a changed one): nothing is known to be spent in it yet but
                // what this instance settled; the next sync adds what others did.
                state.startDay = window.startDay();
                state.base = 0;
            }
            long committed = state.spent(window.startDay()) + state.reserved;
            if (committed >= budget) {
                throw QuotaErrors.budgetExhausted(token, budget, committed, window, clock.instant());
            }
            state.reserved += estimateMicros;
        }
        if (newWindow) {
            background.execute(this::syncQuietly);
        }
        return Reservation.of(token, at, estimateMicros, requestId);
    }

    @Override
    public void settle(Reservation r, long actualMicros) {
        State state = states.computeIfAbsent(r.tokenId(), id -> new State());
        synchronized (state) {
            state.reserved -= r.amount();
            if (actualMicros > 0) {
                state.pending.merge(r.day(), actualMicros, Long::sum);
            }
        }
    }

    /** Nothing to do: reserving and settling in this process always answer, so none is in doubt. */
    @Override
    public void settleIfHeld(Reservation r, long actualMicros) {}

    @Override
    public long spent(Token token, Instant at) {
        BudgetWindow window = BudgetWindow.of(token.limits().budgetPeriod(), at);
        State state = states.get(token.id());
        if (state != null) {
            synchronized (state) {
                if (state.startDay == window.startDay()) {
                    return state.spent(window.startDay());
                }
            }
        }
        return store.spendSince(window.startDay()).getOrDefault(token.id(), 0L);
    }

    @Override
    public void preload(Collection<Token> tokens) {
        Instant now = clock.instant();
        for (Token t : tokens) {
            if (t.limits().budgetMicros().isPresent()) {
                State state = states.computeIfAbsent(t.id(), id -> new State());
                synchronized (state) {
                    state.startDay = BudgetWindow.of(t.limits().budgetPeriod(), now).startDay();
                }
            }
        }
        sync();
    }

    /** Re-reads each budgeted token's spend in its current period from the database. */
    @Override
    public void sync() {
        synchronized (syncLock) {
            Map<Long, Map<String, Long>> byStart = new HashMap<>();
            long today = BudgetWindow.dayOf(clock.instant());
            for (Map.Entry<String, State> e : states.entrySet()) {
                long start;
                synchronized (e.getValue()) {
                    start = e.getValue().startDay;
                }
                if (start < 0) {
                    continue;
                }
                Map<String, Long> totals = byStart.computeIfAbsent(start, store::spendSince);
                State state = e.getValue();
                synchronized (state) {
                    if (state.startDay == start) {
                        state.base = totals.getOrDefault(e.getKey(), 0L);
                    }
                    // Pending spend older than a month and a week cannot count in any period now.
                    state.pending.headMap(Math.min(state.startDay, today - 40), false).clear();
                }
            }
        }
    }

    private void syncQuietly() {
        try {
            sync();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot read spend from the database (using what is known): {0}", e.getMessage());
        }
    }

    /** Spend the usage writer has stored: it moves from pending to base. */
    @Override
    public void written(List<UsageRecord> records) {
        synchronized (syncLock) {
            for (UsageRecord r : records) {
                State state = r.tokenId().map(states::get).orElse(null);
                if (state == null || r.costMicros() == 0) {
                    continue;
                }
                long day = BudgetWindow.dayOf(r.time());
                synchronized (state) {
                    Long pending = state.pending.get(day);
                    if (pending != null) {
                        long left = pending - Math.min(pending, r.costMicros());
                        if (left == 0) {
                            state.pending.remove(day);
                        } else {
                            state.pending.put(day, left);
                        }
                    }
                    if (day >= state.startDay) {
                        state.base += r.costMicros();
                    }
                }
            }
        }
    }
}
