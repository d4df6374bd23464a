package dev.junction.gateway.context;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryStringsTest {
    @Test
    void readsTheFirstValueDecoded() {
        assertThat(QueryStrings.first("alt=sse&key=a%2Bb+c&key=second", "key")).contains("a+b c");
        assertThat(QueryStrings.first("alt=sse", "alt")).contains("sse");
        assertThat(QueryStrings.first("flag&alt=sse", "flag")).contains("");
        assertThat(QueryStrings.first("alt=sse", "key")).isEmpty();
        assertThat(QueryStrings.first("", "key")).isEmpty();
        assertThat(QueryStrings.first(null, "key")).isEmpty();
    }

    @Test
    void aBrokenPercentEscapeIsKeptAsItStandsInsteadOfThrowing() {
        // once left the request unanswered: the server's own decoder threw on these
        assertThat(QueryStrings.first("alt=%ZZ", "alt")).contains("%ZZ");
        assertThat(QueryStrings.first("key=%", "key")).contains("%");
        assertThat(QueryStrings.first("key=%4", "key")).contains("%4");
        assertThat(QueryStrings.first("%=%&key=x", "key")).contains("x");
    }

    @Test
    void bytesThatAreNotUtf8BecomeReplacementCharacters() {
        assertThat(QueryStrings.first("key=%c0%af", "key")).contains("\uFFFD\uFFFD");
        assertThat(QueryStrings.first("key=%e2%82%ac%F0%9F%98%80", "key")).contains("€😀");
        assertThat(QueryStrings.first("key=€😀", "key")).contains("€😀");
    }
}
