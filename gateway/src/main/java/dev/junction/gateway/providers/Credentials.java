package dev.junction.gateway.providers;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An upstream's credentials, used in rotation: API keys, or a service account whose access
 * tokens are minted and refreshed. Implementations are thread-safe.
 */
public interface Credentials {
    /**
     * The credential for the next attempt. Completes at once for API keys; minting a token
     * happens off the event loop and is cached until shortly before it expires.
     */
    Future<Credential> next();

    /** Takes {@code credential} out of rotation for {@code duration} (rejected or rate-limited). */
    void rest(Credential credential, Duration duration);

    /** Why a credential rests: the vendor rejected it, or told Junction to slow down. */
    enum Rest { REJECTED, RATE_LIMITED }

    /** As {@link #rest(Credential, Duration)}, saying why. */
    default void rest(Credential credential, Duration duration, Rest reason) {
        rest(credential, duration);
    }

    /**
     * Whether every credential rests because the vendor rate-limited it (then the upstream is not
     * tried until the soonest is usable again). Rejected keys are still tried when no other is left.
     */
    default boolean allRateLimited() {
        return false;
    }

    /** When the soonest resting credential is usable again; empty when none rests. */
    default Optional<Instant> soonestUsable() {
        return Optional.empty();
    }

    /** What an operator sees of each credential: its short form and until when it rests. */
    default List<CredentialState> states() {
        return List.of();
    }

    /** Puts every credential back in rotation (an operator's reset). */
    default void restore() {}

    /** How many credentials there are (how many attempts a rotation may make). */
    int size();

    /** How many are not resting now. */
    int usableCount();

    /** Removes every secret of these credentials from {@code text}. */
    String scrub(String text);
}
