package dev.junction.mock.gemini;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.junction.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes JSON byte-for-byte in the two styles Google's front end uses, so that a client (or the
 * gateway's stream splitter) meets exactly what it would meet in production:
 *
 * <ul>
 *   <li>{@link #pretty}: unary bodies and error bodies, two-space indent, {@code "key": value},
 *       empty containers as {@code {}} and {@code []}, and a trailing newline.
 *   <li>{@link #event}: one SSE event's payload, on one line, {@code "key": value} with no space
 *       after commas ({@code {"candidates": [{"content": {"parts": [...],"role": "model"}}]}}).
 * </ul>
 *
 * Both writers are immutable and shared; Jackson copies the pretty printer per call.
 */
final class GoogleJson {
    private static final Separators SEPARATORS = Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator("");
    private static final DefaultIndenter INDENT = new DefaultIndenter("  ", "\n");

    private static final ObjectWriter PRETTY = Json.MAPPER.writer(new DefaultPrettyPrinter(SEPARATORS)
            .withObjectIndenter(INDENT)
            .withArrayIndenter(INDENT));
    private static final ObjectWriter EVENT = Json.MAPPER.writer(new EventPrinter());
    private static final ObjectWriter COMPACT = Json.MAPPER.writer();

    private GoogleJson() {}

    /** A unary body: pretty-printed, ending with a newline. */
    static byte[] pretty(JsonNode node) {
        try {
            byte[] json = PRETTY.writeValueAsBytes(node);
            byte[] out = new byte[json.length + 1];
            System.arraycopy(json, 0, out, 0, json.length);
            out[json.length] = '\n';
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A pretty-printed element of a streamed JSON array (no trailing newline). */
    static byte[] prettyElement(JsonNode node) {
        try {
            return PRETTY.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One SSE event's payload: a single line. */
    static byte[] event(JsonNode node) {
        try {
            return EVENT.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Plain compact JSON, as a model writes JSON text or echoes a function result. */
    static String compact(JsonNode node) {
        try {
            return COMPACT.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compact, except for the space Google puts after every colon. */
    private static final class EventPrinter extends MinimalPrettyPrinter {
        private static final long serialVersionUID = 1L;

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(": ");
        }
    }
}
