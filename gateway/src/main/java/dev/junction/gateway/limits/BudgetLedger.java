package dev.junction.gateway.limits;

import dev.junction.gateway.access.Token;
import java.time.Instant;
import java.util.Collection;

/**
 * What each token has spent of its budget in the current period, and what requests in flight
 * have reserved. Implementations: {@link LocalBudgetLedger} (in memory, persisted through the
 * usage records) and {@link RedisBudgetLedger} (shared by instances).
 *
 * <p>A request is admitted while spent plus reserved is below the budget, and reserves its
 * estimate; it settles with its actual cost when it ends. So spending can pass the budget only
 * by what the last admitted request costs beyond the room left, however many requests run at
 * once: at most one request's reservation when actual costs stay within their estimates.
 */
public interface BudgetLedger extends AutoCloseable {
    /**
     * A reservation held by one request until it settles.
     *
     * @param startDay the first day of the budget period it counts in
     * @param day the day of the request (its spend is recorded under that day)
     */
    record Reservation(String tokenId, String requestId, long startDay, long day, long amount) {
        /** The reservation {@link #reserve} makes for these arguments. */
        public static Reservation of(Token token, Instant at, long estimateMicros, String requestId) {
            return new Reservation(token.id(), requestId, BudgetWindow.of(token.limits().budgetPeriod(), at).startDay(),
                    BudgetWindow.dayOf(at), Math.max(0, estimateMicros));
        }
    }

    /**
     * Reserves {@code estimateMicros} against {@code token}'s budget for the period containing
     * {@code at}.
     *
     * @throws dev.junction.protocol.model.GatewayException {@code QUOTA_EXHAUSTED} when spent and
     *     reserved already reach the budget
     */
    Reservation reserve(Token token, Instant at, long estimateMicros, String requestId);

    /** Releases the reservation and records what the request really cost. */
    void settle(Reservation reservation, long actualMicros);

    /**
     * Settles as {@link #settle} does, but only if the reservation is still held: for a reserve
     * or settle whose answer was lost (a timeout), which may or may not have taken effect. Safe to
     * repeat: once settled, nothing is held.
     */
    void settleIfHeld(Reservation reservation, long actualMicros);

    /** What {@code token} has spent in the period containing {@code at} (settled requests only). */
    long spent(Token token, Instant at);

    /** Loads the spend of these tokens before serving, so a restart does not forget it. */
    void preload(Collection<Token> tokens);

    /** Catches up with spend recorded by other instances (run periodically, off the request path). */
    void sync();

    @Override
    default void close() {}
}
