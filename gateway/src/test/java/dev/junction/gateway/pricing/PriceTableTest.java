package dev.junction.gateway.pricing;

import dev.junction.gateway.config.PriceTableReader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.junction.gateway.config.ConfigException;
import dev.junction.protocol.model.Usage;
import org.junit.jupiter.api.Test;

class PriceTableTest {
    static final PriceTable DEFAULTS = PriceTableReader.read(null, "/prices");

    static Usage usage(int prompt, int cached, int output, int thought) {
        return new Usage(prompt, cached, 0, output, thought, prompt + output + thought);
    }

    @Test
    void costIsIntegerMicroDollarsPerMillionTokens() {
        // gemini-2.5-flash: $0.30 in, $2.50 out (thoughts at the output price), $0.03 cached.
        assertThat(DEFAULTS.cost("gemini-2.5-flash", usage(1_000_000, 0, 0, 0))).isEqualTo(300_000);
        assertThat(DEFAULTS.cost("gemini-2.5-flash", usage(0, 0, 1_000_000, 0))).isEqualTo(2_500_000);
        assertThat(DEFAULTS.cost("gemini-2.5-flash", usage(0, 0, 0, 1_000_000))).isEqualTo(2_500_000);
        assertThat(DEFAULTS.cost("gemini-2.5-flash", usage(1000, 400, 200, 100)))
                .as("600 x 0.30 + 400 x 0.03 + 200 x 2.50 + 100 x 2.50 = 942 micro-dollars")
                .isEqualTo(942);
    }

    @Test
    void roundsHalfUpOnlyOnceForTheWholeRequest() {
        // 1 token at $0.075/M is 0.075 micro-dollars: 0; 7 tokens are 0.525: 1.
        assertThat(DEFAULTS.cost("gemini-2.0-flash-lite", usage(1, 0, 0, 0))).isZero();
        assertThat(DEFAULTS.cost("gemini-2.0-flash-lite", usage(7, 0, 0, 0))).isEqualTo(1);
    }

    @Test
    void longPromptsOnTieredModelsAreBilledAtTheHigherTierWhole() {
        // gemini-2.5-pro: $1.25/$10 up to 200k prompt tokens, $2.50/$15 above.
        assertThat(DEFAULTS.cost("gemini-2.5-pro", usage(200_000, 0, 1000, 0))).isEqualTo(250_000 + 10_000);
        assertThat(DEFAULTS.cost("gemini-2.5-pro", usage(200_001, 0, 1000, 0))).isEqualTo(500_003 + 15_000);
        assertThat(DEFAULTS.cost("gemini-2.5-pro", usage(300_000, 100_000, 0, 0)))
                .as("cached tokens at the tier's cached price").isEqualTo(500_000 + 25_000);
    }

    @Test
    void theLongestPatternWinsAndAnExactNameBeatsAnyPattern() {
        assertThat(DEFAULTS.price("gemini-2.5-flash-lite-preview-09-2025").orElseThrow().model())
                .isEqualTo("gemini-2.5-flash-lite*");
        assertThat(DEFAULTS.price("gemini-2.5-flash-preview-09-2025").orElseThrow().model())
                .isEqualTo("gemini-2.5-flash*");
        assertThat(DEFAULTS.price("models/gemini-2.5-pro").orElseThrow().model()).isEqualTo("gemini-2.5-pro*");
        assertThat(DEFAULTS.price("gemini-embedding-001").orElseThrow().model()).isEqualTo("gemini-embedding-001");
        assertThat(DEFAULTS.price("claude-3")).isEmpty();
        assertThat(DEFAULTS.cost("claude-3", usage(1000, 0, 1000, 0))).isZero();
    }

    @Test
    void theConfigurationOverridesAndAddsModels() throws Exception {
        PriceTable table = PriceTableReader.read(new YAMLMapper().readTree("""
                gemini-2.5-flash*:
                  input: 1
                  output: 2
                my-model:
                  input: "0.5"
                  output: 1.5
                  thought: 3
                  tiers:
                    - above_prompt_tokens: 10
                      input: 5
                """), "/prices");
        assertThat(table.cost("gemini-2.5-flash", usage(1_000_000, 0, 0, 0))).isEqualTo(1_000_000);
        assertThat(table.cost("gemini-2.5-flash", usage(1_000_000, 1_000_000, 0, 0)))
                .as("cached defaults to the input price").isEqualTo(1_000_000);
        assertThat(table.cost("my-model", usage(10, 0, 0, 1_000_000))).isEqualTo(5 + 3_000_000);
        assertThat(table.cost("my-model", usage(11, 0, 1_000_000, 0))).as("the tier keeps what it does not set")
                .isEqualTo(55 + 1_500_000);
        assertThat(table.price("gemini-2.5-pro")).isPresent();
    }

    @Test
    void badPricesNameTheirKey() {
        assertThatThrownBy(() -> PriceTableReader.read(new YAMLMapper().readTree("m:\n  input: -1\n  output: 1\n"),
                "/prices")).isInstanceOf(ConfigException.class).extracting(e -> ((ConfigException) e).key())
                .isEqualTo("prices.m.input");
        assertThatThrownBy(() -> PriceTableReader.read(new YAMLMapper().readTree("m:\n  output: 1\n"), "/prices"))
                .hasMessageContaining("required");
        assertThatThrownBy(() -> PriceTableReader.read(new YAMLMapper().readTree("m:\n  input: 1\n  output: 1\n"
                + "  imput: 2\n"), "/prices")).hasMessageContaining("unknown key");
        assertThatThrownBy(() -> PriceTableReader.read(new YAMLMapper().readTree("m:\n  input: 0.0000001\n"
                + "  output: 1\n"), "/prices")).hasMessageContaining("at most 6 decimals");
    }
}
