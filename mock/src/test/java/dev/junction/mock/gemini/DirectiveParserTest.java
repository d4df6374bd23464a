package dev.junction.mock.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DirectiveParserTest {

    @Test
    void plainPromptsHaveNoDirectives() {
        assertThat(DirectiveParser.parse("What is a mock: nothing.")).isEqualTo(Directives.NONE);
    }

    @Test
    void readsEveryDirective() {
        Directives d = DirectiveParser.parse("""
                Hello mock:events=20 mock:interval-ms=20 mock:delay-ms=7, mock:words=9
                mock:parallel mock:text mock:call=get_time mock:finish=max_tokens. mock:error=QUOTA mock:retry-delay=2s""");
        assertThat(d.events()).hasValue(20);
        assertThat(d.interval()).isEqualTo(Duration.ofMillis(20));
        assertThat(d.delay()).isEqualTo(Duration.ofMillis(7));
        assertThat(d.words()).hasValue(9);
        assertThat(d.parallel()).isTrue();
        assertThat(d.forceText()).isTrue();
        assertThat(d.call()).hasValue("get_time");
        assertThat(d.finish()).hasValue("MAX_TOKENS");
        assertThat(d.error()).hasValue("quota");
        assertThat(d.retryDelay()).hasValue("2s");

        Directives hostile = DirectiveParser.parse("mock:hang-after=3 mock:status=502 mock:block mock:hang mock:midstream-error");
        assertThat(hostile.hangAfter()).hasValue(3);
        assertThat(hostile.status()).hasValue(502);
        assertThat(hostile.block()).isTrue();
        assertThat(hostile.hang()).isTrue();
        assertThat(hostile.midstreamError()).isTrue();
        assertThat(hostile.minimumEvents()).isEqualTo(4);
        assertThat(DirectiveParser.parse("mock:reset-after=2").resetAfter()).hasValue(2);
        assertThat(DirectiveParser.parse("mock:garbage-after=0").garbageAfter()).hasValue(0);
    }

    @Test
    void badDirectivesAreRefusedByName() {
        assertThatThrownBy(() -> DirectiveParser.parse("mock:events=lots"))
                .isInstanceOf(MockRequestException.class).hasMessageContaining("mock:events");
        assertThatThrownBy(() -> DirectiveParser.parse("mock:events=0")).hasMessageContaining("between 1 and");
        assertThatThrownBy(() -> DirectiveParser.parse("mock:finish=DONE")).hasMessageContaining("mock:finish");
        assertThatThrownBy(() -> DirectiveParser.parse("mock:whatever")).hasMessageContaining("Unknown mock directive");
        assertThatThrownBy(() -> DirectiveParser.parse("mock:block=yes")).hasMessageContaining("takes no value");
        assertThatThrownBy(() -> DirectiveParser.parse("mock:status=99")).hasMessageContaining("HTTP status");
    }

    @Test
    void stripRemovesDirectivesAndCollapsesSpace() {
        assertThat(DirectiveParser.strip("  Tell me\n mock:events=3  a story mock:block ")).isEqualTo("Tell me a story");
    }
}
