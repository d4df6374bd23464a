package dev.junction.protocol.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SseParserTest {

    /** The same stream in every line-ending style, with comments, ids and multi-line data. */
    private static final String STREAM = """
            : a comment line
            data: {"a":1}

            event: update
            id: 7
            data: first
            data: second

            data:no-space
            retry: 1000
            unknown: field

            data

            data: after empty
            """;

    static Stream<Arguments> endings() {
        return Stream.of(Arguments.of("LF", "\n"), Arguments.of("CRLF", "\r\n"), Arguments.of("CR", "\r"));
    }

    private static List<SseEvent> expected() {
        return List.of(
                SseEvent.data("{\"a\":1}"),
                new SseEvent("update", "first\nsecond".getBytes(StandardCharsets.UTF_8), Optional.of("7")),
                new SseEvent("message", "no-space".getBytes(StandardCharsets.UTF_8), Optional.of("7")),
                new SseEvent("message", new byte[0], Optional.of("7")),
                new SseEvent("message", "after empty".getBytes(StandardCharsets.UTF_8), Optional.of("7")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endings")
    void parsesWholeStream(String name, String ending) {
        byte[] wire = (STREAM.replace("\n", ending) + ending).getBytes(StandardCharsets.UTF_8);
        SseParser parser = new SseParser();
        List<SseEvent> events = new ArrayList<>(parser.feed(wire));
        parser.finish().ifPresent(events::add);
        assertThat(events).containsExactlyElementsOf(expected());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endings")
    void sameEventsWhenSplitAtEveryByte(String name, String ending) {
        byte[] wire = (STREAM.replace("\n", ending) + ending).getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut <= wire.length; cut++) {
            SseParser parser = new SseParser();
            List<SseEvent> events = new ArrayList<>(parser.feed(wire, 0, cut));
            events.addAll(parser.feed(wire, cut, wire.length - cut));
            parser.finish().ifPresent(events::add);
            assertThat(events).as("split at byte %d", cut).containsExactlyElementsOf(expected());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endings")
    void sameEventsFedOneByteAtATime(String name, String ending) {
        byte[] wire = (STREAM.replace("\n", ending) + ending).getBytes(StandardCharsets.UTF_8);
        SseParser parser = new SseParser();
        List<SseEvent> events = new ArrayList<>();
        for (int i = 0; i < wire.length; i++) {
            events.addAll(parser.feed(wire, i, 1));
        }
        parser.finish().ifPresent(events::add);
        assertThat(events).containsExactlyElementsOf(expected());
    }

    @Test
    void googleFramingCrLfCrLf() {
        String wire = "data: {\"x\": \"é\"}\r\n\r\ndata: {\"y\": 2}\r\n\r\n";
        SseParser parser = new SseParser();
        List<SseEvent> events = parser.feed(wire.getBytes(StandardCharsets.UTF_8));
        assertThat(events).extracting(SseEvent::dataString).containsExactly("{\"x\": \"é\"}", "{\"y\": 2}");
        assertThat(parser.finish()).isEmpty();
    }

    @Test
    void crAtChunkEndThenLfCountsAsOneLineBreak() {
        SseParser parser = new SseParser();
        assertThat(parser.feed("data: a\r".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(parser.feed("\n".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(parser.feed("\r".getBytes(StandardCharsets.UTF_8))).extracting(SseEvent::dataString)
                .containsExactly("a");
        assertThat(parser.feed("\ndata: b\n\n".getBytes(StandardCharsets.UTF_8))).extracting(SseEvent::dataString)
                .containsExactly("b");
    }

    @Test
    void unterminatedLastEventIsKeptOnFinish() {
        SseParser parser = new SseParser();
        assertThat(parser.feed("data: one\n\ndata: two".getBytes(StandardCharsets.UTF_8)))
                .extracting(SseEvent::dataString).containsExactly("one");
        assertThat(parser.finish()).map(SseEvent::dataString).contains("two");
        assertThat(parser.finish()).isEmpty();
    }

    @Test
    void leadingBomIsSkippedButOnlyAtTheStart() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = "data: x\n\n".getBytes(StandardCharsets.UTF_8);
        byte[] wire = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, wire, 0, bom.length);
        System.arraycopy(body, 0, wire, bom.length, body.length);
        SseParser parser = new SseParser();
        List<SseEvent> events = new ArrayList<>();
        for (int i = 0; i < wire.length; i++) {
            events.addAll(parser.feed(wire, i, 1));
        }
        assertThat(events).extracting(SseEvent::dataString).containsExactly("x");
    }

    @Test
    void oversizedLineFailsInsteadOfGrowingWithoutBound() {
        SseParser parser = new SseParser(64);
        byte[] chunk = "data: 0123456789".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> {
            for (int i = 0; i < 10; i++) {
                parser.feed(chunk);
            }
        }).isInstanceOf(SseException.class).hasMessageContaining("64 bytes");
    }

    @Test
    void oversizedEventMadeOfManyLinesFails() {
        SseParser parser = new SseParser(64);
        byte[] chunk = "data: 0123456789\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> {
            for (int i = 0; i < 10; i++) {
                parser.feed(chunk);
            }
        }).isInstanceOf(SseException.class);
    }

    @Test
    void framesBothStyles() {
        assertThat(new String(SseWriter.frame("{}", SseWriter.Framing.LF), StandardCharsets.UTF_8))
                .isEqualTo("data: {}\n\n");
        assertThat(new String(SseWriter.frame("{}", SseWriter.Framing.CRLF), StandardCharsets.UTF_8))
                .isEqualTo("data: {}\r\n\r\n");
    }
}
