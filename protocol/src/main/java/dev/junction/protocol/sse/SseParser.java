package dev.junction.protocol.sse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Incremental Server-Sent Events parser: feed it bytes as they arrive, in chunks of any size,
 * and take the complete events each chunk finishes.
 *
 * <p>Follows the WHATWG event-stream grammar: lines end in CRLF, LF or CR (a CRLF split across
 * two chunks counts once); a blank line dispatches the event; {@code data:} lines are joined
 * with LF; one space after the colon is dropped; lines starting with {@code :} are comments; a
 * leading UTF-8 BOM is skipped. Unlike a browser, {@link #finish()} also returns an event the
 * peer did not terminate with a blank line before closing, because a relay must not lose the
 * last event of a stream that was cut short.
 *
 * <p>Not thread-safe: one instance per stream. A line or event larger than {@code maxEventBytes}
 * fails with {@link SseException}, so a hostile peer cannot make it buffer without bound.
 */
public final class SseParser {
    public static final int DEFAULT_MAX_EVENT_BYTES = 16 * 1024 * 1024;
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final int maxEventBytes;
    private byte[] line = new byte[256];
    private int lineLength;
    private byte[] data = new byte[256];
    private int dataLength;
    private boolean hasData;
    private String type;
    private String lastId;
    private boolean afterCr;
    private int bomChecked;

    public SseParser() {
        this(DEFAULT_MAX_EVENT_BYTES);
    }

    public SseParser(int maxEventBytes) {
        this.maxEventBytes = maxEventBytes;
    }

    /** Parses {@code length} bytes from {@code offset}; returns the events they complete, in order. */
    public List<SseEvent> feed(byte[] bytes, int offset, int length) {
        List<SseEvent> events = new ArrayList<>(2);
        int end = offset + length;
        int i = skipBom(bytes, offset, end);
        while (i < end) {
            byte b = bytes[i];
            if (afterCr) {
                afterCr = false;
                if (b == '\n') {
                    i++;
                    continue;
                }
            }
            int lineEnd = indexOfLineBreak(bytes, i, end);
            appendLine(bytes, i, lineEnd - i);
            if (lineEnd == end) {
                break;
            }
            afterCr = bytes[lineEnd] == '\r';
            i = lineEnd + 1;
            endLine(events);
        }
        return events;
    }

    public List<SseEvent> feed(byte[] bytes) {
        return feed(bytes, 0, bytes.length);
    }

    /** The peer closed: returns the last event if it was cut short, else nothing. */
    public Optional<SseEvent> finish() {
        if (lineLength > 0) {
            field();
            lineLength = 0;
        }
        List<SseEvent> events = new ArrayList<>(1);
        dispatch(events);
        return events.stream().findFirst();
    }

    private int skipBom(byte[] bytes, int offset, int end) {
        int i = offset;
        while (bomChecked < BOM.length && i < end) {
            if (bytes[i] != BOM[bomChecked]) {
                // Not a BOM after all: put back what was taken for one.
                appendLine(BOM, 0, bomChecked);
                bomChecked = BOM.length;
                return i;
            }
            bomChecked++;
            i++;
        }
        return i;
    }

    private static int indexOfLineBreak(byte[] bytes, int from, int end) {
        for (int i = from; i < end; i++) {
            byte b = bytes[i];
            if (b == '\n' || b == '\r') {
                return i;
            }
        }
        return end;
    }

    private void appendLine(byte[] bytes, int offset, int length) {
        if (length == 0) {
            return;
        }
        int needed = lineLength + length;
        if (needed > maxEventBytes) {
            throw new SseException("an event line is longer than " + maxEventBytes + " bytes");
        }
        if (needed > line.length) {
            line = Arrays.copyOf(line, Math.max(needed, line.length * 2));
        }
        System.arraycopy(bytes, offset, line, lineLength, length);
        lineLength = needed;
    }

    private void endLine(List<SseEvent> events) {
        if (lineLength == 0) {
            dispatch(events);
            return;
        }
        if (line[0] != ':') {
            field();
        }
        lineLength = 0;
    }

    private void field() {
        int colon = -1;
        for (int i = 0; i < lineLength; i++) {
            if (line[i] == ':') {
                colon = i;
                break;
            }
        }
        int nameEnd = colon < 0 ? lineLength : colon;
        int valueStart = colon < 0 ? lineLength : colon + 1;
        if (valueStart < lineLength && line[valueStart] == ' ') {
            valueStart++;
        }
        if (is("data", nameEnd)) {
            appendData(valueStart, lineLength - valueStart);
        } else if (is("event", nameEnd)) {
            type = new String(line, valueStart, lineLength - valueStart, StandardCharsets.UTF_8);
        } else if (is("id", nameEnd)) {
            String id = new String(line, valueStart, lineLength - valueStart, StandardCharsets.UTF_8);
            if (id.indexOf('\0') < 0) {
                lastId = id;
            }
        }
        // "retry" and unknown fields are ignored, as the grammar says.
    }

    private boolean is(String name, int nameEnd) {
        if (nameEnd != name.length()) {
            return false;
        }
        for (int i = 0; i < nameEnd; i++) {
            if (line[i] != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private void appendData(int offset, int length) {
        int needed = dataLength + length + (hasData ? 1 : 0);
        if (needed > maxEventBytes) {
            throw new SseException("an event is larger than " + maxEventBytes + " bytes");
        }
        if (needed > data.length) {
            data = Arrays.copyOf(data, Math.max(needed, data.length * 2));
        }
        if (hasData) {
            data[dataLength++] = '\n';
        }
        System.arraycopy(line, offset, data, dataLength, length);
        dataLength += length;
        hasData = true;
    }

    private void dispatch(List<SseEvent> events) {
        if (hasData) {
            events.add(new SseEvent(type == null ? "message" : type, Arrays.copyOf(data, dataLength),
                    Optional.ofNullable(lastId)));
        }
        hasData = false;
        dataLength = 0;
        type = null;
    }
}
