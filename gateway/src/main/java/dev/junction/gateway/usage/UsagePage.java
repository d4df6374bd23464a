package dev.junction.gateway.usage;

import java.util.List;
import java.util.Optional;

/**
 * One page of usage records, newest first.
 *
 * @param next the cursor of the following page, absent on the last page
 */
public record UsagePage(List<UsageRecord> records, Optional<String> next) {
    public UsagePage {
        records = List.copyOf(records);
    }
}
