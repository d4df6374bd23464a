package dev.junction.gateway.providers;

import io.vertx.core.Future;
import java.time.Duration;

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

    /** How many credentials there are (how many attempts a rotation may make). */
    int size();

    /** How many are not resting now. */
    int usableCount();

    /** Removes every secret of these credentials from {@code text}. */
    String scrub(String text);
}
