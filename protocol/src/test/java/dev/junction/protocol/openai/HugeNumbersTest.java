package dev.junction.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.junction.protocol.Json;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A number with a huge exponent once ended the process: the 400 message wrote
 * {@code 1e999999999} out in full (a gigabyte) and the JVM ran out of heap. Every numeric field
 * must be refused with a message that quotes a few dozen characters at most.
 */
class HugeNumbersTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "temperature|1e999999999",
            "temperature|-1e999999999",
            "top_p|9.99e999999999",
            "presence_penalty|1E+999999999",
            "frequency_penalty|-7e99999",
            "max_tokens|1e999999999",
            "max_completion_tokens|99999999999999999999999999999999999999999999999999999999999999999999",
            "n|1e999999999",
            "seed|-1e999999999",
            "top_logprobs|1e999999999",
            "top_k|1e999999999"})
    void aHugeNumberIsA400WithAShortMessage(String field, String literal) {
        String body = "{\"model\":\"gemini-2.5-flash\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],"
                + (field.equals("top_logprobs") ? "\"logprobs\":true," : "") + "\"" + field + "\":" + literal + "}";
        GatewayException e = catchThrowableOfType(GatewayException.class,
                () -> OpenAiRequestDecoder.decode(body.getBytes(StandardCharsets.UTF_8)));
        assertThat(e).as("%s=%s", field, literal).isNotNull();
        assertThat(e.error().kind()).isEqualTo(GatewayError.Kind.INVALID_REQUEST);
        assertThat(e.error().param()).contains(field);
        assertThat(e.error().message()).hasSizeLessThan(240);
    }

    @ParameterizedTest
    @CsvSource({"1e999999999,1E+999999999", "-1e-999999999,-1E-999999999", "0.5,0.5", "12345678,12345678",
            "1.000,1", "1e20,100000000000000000000", "1e21,1E+21"})
    void briefNeverWritesAHugeExponentOut(String literal, String expected) {
        assertThat(Json.brief(new BigDecimal(literal))).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void aTinyTemperatureIsZero() {
        String body = "{\"model\":\"gemini-2.5-flash\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],"
                + "\"temperature\":1e-999999999}";
        assertThat(OpenAiRequestDecoder.decode(body.getBytes(StandardCharsets.UTF_8)).sampling().temperature())
                .contains(0.0);
    }

    @org.junit.jupiter.api.Test
    void briefCutsALongNumber() {
        String digits = "1234567890".repeat(10);
        assertThat(Json.brief(new BigDecimal(digits))).hasSize(Json.MAX_QUOTED_CHARS).endsWith("...");
    }
}
