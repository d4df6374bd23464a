package dev.junction.gateway.providers;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * An upstream's API keys, used in rotation. A key the upstream rate-limits rests until its retry
 * delay passes; a key it rejects rests for a long while (the operator must fix it). When every
 * key rests, the one that becomes usable first is used anyway: better a likely error than none.
 */
public final class KeyRing implements Credentials {
    private final List<Credential> keys;
    private final AtomicReferenceArray<Instant> restingUntil;
    private final AtomicReferenceArray<Rest> restReason;
    private final AtomicInteger next = new AtomicInteger();
    private final Clock clock;

    public KeyRing(List<String> keys, Clock clock) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a key ring needs at least one key");
        }
        this.keys = keys.stream().map(Credential::of).toList();
        this.restingUntil = new AtomicReferenceArray<>(keys.size());
        this.restReason = new AtomicReferenceArray<>(keys.size());
        this.clock = clock;
    }

    @Override
    public int size() {
        return keys.size();
    }

    @Override
    public Future<Credential> next() {
        return Future.succeededFuture(nextKey());
    }

    /** The next usable key, round-robin. */
    public Credential nextKey() {
        Instant now = clock.instant();
        int start = Math.floorMod(next.getAndIncrement(), keys.size());
        int soonest = start;
        for (int i = 0; i < keys.size(); i++) {
            int k = (start + i) % keys.size();
            Instant until = restingUntil.get(k);
            if (until == null || !now.isBefore(until)) {
                return keys.get(k);
            }
            if (until.isBefore(restingUntil.get(soonest))) {
                soonest = k;
            }
        }
        return keys.get(soonest);
    }

    @Override
    public void rest(Credential key, Duration duration) {
        rest(key, duration, Rest.REJECTED);
    }

    @Override
    public void rest(Credential key, Duration duration, Rest reason) {
        int k = keys.indexOf(key);
        if (k >= 0) {
            restReason.set(k, reason);
            restingUntil.set(k, clock.instant().plus(duration));
        }
    }

    @Override
    public boolean allRateLimited() {
        Instant now = clock.instant();
        for (int k = 0; k < keys.size(); k++) {
            Instant until = restingUntil.get(k);
            if (until == null || !now.isBefore(until) || restReason.get(k) != Rest.RATE_LIMITED) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Optional<Instant> soonestUsable() {
        Instant now = clock.instant();
        Instant soonest = null;
        for (int k = 0; k < keys.size(); k++) {
            Instant until = restingUntil.get(k);
            if (until != null && now.isBefore(until) && (soonest == null || until.isBefore(soonest))) {
                soonest = until;
            }
        }
        return Optional.ofNullable(soonest);
    }

    @Override
    public List<CredentialState> states() {
        Instant now = clock.instant();
        List<CredentialState> states = new java.util.ArrayList<>();
        for (int k = 0; k < keys.size(); k++) {
            Instant until = restingUntil.get(k);
            boolean resting = until != null && now.isBefore(until);
            states.add(new CredentialState(keys.get(k).hint(), resting ? Optional.of(until) : Optional.empty(),
                    resting ? Optional.of(restReason.get(k).name().toLowerCase(java.util.Locale.ROOT)) : Optional.empty()));
        }
        return states;
    }

    @Override
    public void restore() {
        for (int k = 0; k < keys.size(); k++) {
            restingUntil.set(k, null);
        }
    }

    @Override
    public int usableCount() {
        Instant now = clock.instant();
        int usable = 0;
        for (int k = 0; k < keys.size(); k++) {
            Instant until = restingUntil.get(k);
            if (until == null || !now.isBefore(until)) {
                usable++;
            }
        }
        return usable;
    }

    @Override
    public String scrub(String text) {
        String out = text;
        for (Credential key : keys) {
            if (!key.secret().isEmpty() && out.contains(key.secret())) {
                out = out.replace(key.secret(), "[redacted]");
            }
        }
        return out;
    }

    /** A key's short form for logs: never more than its last four characters. */
    public static String hint(String key) {
        return Credential.hintOf(key);
    }
}
