package dev.junction.gateway.limits;

import dev.junction.gateway.access.BudgetPeriod;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;

/**
 * The budget period an instant falls in, in UTC: the day, the week from Monday, the calendar
 * month, or (a budget that never resets) everything since 1970.
 *
 * @param startDay the first day of the period, in days since 1970-01-01
 * @param end when the next period starts; absent for a budget that never resets
 */
public record BudgetWindow(long startDay, Optional<Instant> end) {
    public static BudgetWindow of(Optional<BudgetPeriod> period, Instant at) {
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        if (period.isEmpty()) {
            return new BudgetWindow(0, Optional.empty());
        }
        LocalDate start = switch (period.get()) {
            case DAILY -> day;
            case WEEKLY -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTHLY -> day.withDayOfMonth(1);
        };
        LocalDate next = switch (period.get()) {
            case DAILY -> start.plusDays(1);
            case WEEKLY -> start.plusWeeks(1);
            case MONTHLY -> start.plusMonths(1);
        };
        return new BudgetWindow(start.toEpochDay(), Optional.of(next.atStartOfDay(ZoneOffset.UTC).toInstant()));
    }

    public static long dayOf(Instant at) {
        return Math.floorDiv(at.toEpochMilli(), 86_400_000L);
    }
}
