package dev.junction.protocol.model;

import java.util.List;
import java.util.Optional;

/**
 * One candidate answer.
 *
 * @param nativeFinishReason the vendor's own finish reason, kept for logs and for clients that
 *     want the detail the canonical reason collapses
 */
public record Choice(int index, List<Part> parts, FinishReason finishReason, Optional<String> nativeFinishReason) {
    public Choice {
        parts = List.copyOf(parts);
    }
}
