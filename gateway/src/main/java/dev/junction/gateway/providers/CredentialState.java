package dev.junction.gateway.providers;

import java.time.Instant;
import java.util.Optional;

/**
 * One credential as the operator's view shows it.
 *
 * @param hint its short form ({@code ...abcd})
 * @param restingUntil until when it is out of rotation, if it is
 * @param reason why it rests ({@code rejected}, {@code rate_limited}), if it does
 */
public record CredentialState(String hint, Optional<Instant> restingUntil, Optional<String> reason) {}
