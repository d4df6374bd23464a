package dev.junction.gateway.limits;

import dev.junction.gateway.config.LimitSettings;
import dev.junction.gateway.usage.UsageRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LocalLimitBackendTest extends LimitBackendContract {
    private LimitBackends backends;

    @Override
    LimitBackends backends() {
        if (backends == null) {
            backends = LimitBackends.create(LimitSettings.DEFAULTS, store, clock, Runnable::run);
        }
        return backends;
    }

    @AfterEach
    void close() {
        backends.close();
    }

    @Test
    void settledSpendMovesToTheDatabaseWithoutBeingCountedTwice() {
        LocalBudgetLedger ledger = (LocalBudgetLedger) backends().budgets();
        var token = token(10_000, Optional.empty());
        ledger.preload(List.of(token));
        var r = ledger.reserve(token, clock.instant(), 500, "r1");
        ledger.settle(r, 400);
        assertThat(ledger.spent(token, clock.instant())).isEqualTo(400);
        // The writer stores the record: the database now has it, the ledger is told.
        databaseSpend.put(token.id(), 400L);
        ledger.written(List.of(new UsageRecord(clock.instant(), "r1", Optional.of(token.id()), Optional.of("t"), "m",
                "m", "u", "gemini", "generateContent", false, 1, 1, 0, 0, false, 400, 1, Optional.empty(), 200,
                Optional.empty(), false)));
        assertThat(ledger.spent(token, clock.instant())).isEqualTo(400);
        ledger.sync();
        assertThat(ledger.spent(token, clock.instant())).isEqualTo(400);
        // Another instance spent 100 more: the next sync sees it.
        databaseSpend.put(token.id(), 500L);
        ledger.sync();
        assertThat(ledger.spent(token, clock.instant())).isEqualTo(500);
        assertThat(Instant.EPOCH).isBefore(clock.instant());
    }
}
