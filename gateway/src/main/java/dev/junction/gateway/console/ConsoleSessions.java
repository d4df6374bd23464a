package dev.junction.gateway.console;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's sessions, in memory: a session ends when it has been idle for {@code idle}, when
 * it is {@code maxAge} old, or at logout. Ids and CSRF tokens are 256 random bits. Holds at most
 * {@code capacity} sessions; past that the oldest is dropped.
 */
public final class ConsoleSessions {
    public static final Duration IDLE = Duration.ofMinutes(30);
    public static final Duration MAX_AGE = Duration.ofHours(12);
    private static final int CAPACITY = 1000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ConcurrentHashMap<String, ConsoleSession> sessions = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration idle;
    private final Duration maxAge;

    public ConsoleSessions(Clock clock) {
        this(clock, IDLE, MAX_AGE);
    }

    public ConsoleSessions(Clock clock, Duration idle, Duration maxAge) {
        this.clock = clock;
        this.idle = idle;
        this.maxAge = maxAge;
    }

    /** Opens a session acting with {@code adminToken}, which the caller has checked. */
    ConsoleSession open(String adminToken) {
        Instant now = clock.instant();
        sweep(now);
        while (sessions.size() >= CAPACITY) {
            sessions.values().stream().min(Comparator.comparing(ConsoleSession::lastSeen))
                    .ifPresent(oldest -> sessions.remove(oldest.id()));
        }
        ConsoleSession session = new ConsoleSession(randomId(), randomId(), adminToken, now, now);
        sessions.put(session.id(), session);
        return session;
    }

    /** The live session with this id, its idle time reset; empty when unknown or expired. */
    Optional<ConsoleSession> find(String id) {
        Instant now = clock.instant();
        ConsoleSession found = sessions.get(id);
        if (found == null) {
            return Optional.empty();
        }
        if (expired(found, now)) {
            sessions.remove(id, found);
            return Optional.empty();
        }
        ConsoleSession touched = found.touched(now);
        sessions.replace(id, found, touched);
        return Optional.of(touched);
    }

    /** When a live session ends if it stays idle. */
    Instant expiresAt(ConsoleSession session) {
        Instant byIdle = session.lastSeen().plus(idle);
        Instant byAge = session.createdAt().plus(maxAge);
        return byIdle.isBefore(byAge) ? byIdle : byAge;
    }

    void close(String id) {
        sessions.remove(id);
    }

    int size() {
        return sessions.size();
    }

    private boolean expired(ConsoleSession s, Instant now) {
        return !now.isBefore(expiresAt(s));
    }

    private void sweep(Instant now) {
        sessions.values().removeIf(s -> expired(s, now));
    }

    private static String randomId() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
