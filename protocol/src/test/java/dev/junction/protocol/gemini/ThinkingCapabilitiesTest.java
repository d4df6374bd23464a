package dev.junction.protocol.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.gemini.ThinkingCapability.Control;
import dev.junction.protocol.gemini.ThinkingCapability.ThinkingSettings;
import dev.junction.protocol.model.ReasoningConfig;
import dev.junction.protocol.model.ReasoningEffort;
import dev.junction.protocol.model.ThinkingLevel;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ThinkingCapabilitiesTest {
    private static final ThinkingCapabilities TABLE = ThinkingCapabilities.defaults();

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "gemini-2.5-flash-lite, gemini-2.5-flash-lite*",
            "gemini-2.5-flash-lite-preview-09-2025, gemini-2.5-flash-lite*",
            "gemini-2.5-flash, gemini-2.5-flash*",
            "models/gemini-2.5-flash-preview-05-20, gemini-2.5-flash*",
            "GEMINI-2.5-PRO, gemini-2.5-pro*",
            "gemini-2.5-flash-native-audio-preview, gemini-2.5-flash*",
            "gemini-2.5-computer-use-preview, gemini-2.5*",
            "gemini-3-pro-preview, gemini-3-pro*",
            "gemini-3-pro-preview-file, gemini-3-pro*",
            "gemini-3-pro-image-preview, gemini-3-pro*",
            "gemini-3.1-pro-preview, gemini-3.1-pro*",
            "gemini-3.1-flash-lite-preview, gemini-3.1-flash-lite*",
            "gemini-3-flash-preview, gemini-3*-flash*",
            "gemini-3.6-flash, gemini-3*-flash*",
            "gemini-3.5-flash, gemini-3.5-flash*",
            "gemini-2.0-flash, gemini-2.0*",
            "gemma-3-27b-it, gemma*",
            "gemini-4-ultra, *"})
    void firstMatchingRowWins(String model, String match) {
        assertThat(TABLE.resolve(model).match()).isEqualTo(match);
    }

    @Test
    void gemini3StyleModelsRequireSignatures() {
        assertThat(TABLE.resolve("gemini-3-flash-preview").requiresSignatures()).isTrue();
        assertThat(TABLE.resolve("gemini-2.5-pro").requiresSignatures()).isFalse();
        assertThat(TABLE.resolve("some-future-model").requiresSignatures()).isTrue();
    }

    @ParameterizedTest(name = "{0} budget {1} → {2}")
    @CsvSource({
            "gemini-2.5-flash, -1, -1",
            "gemini-2.5-flash, 0, 0",
            "gemini-2.5-flash, 30000, 24576",
            "gemini-2.5-pro, 0, 128",
            "gemini-2.5-pro, 50, 128",
            "gemini-2.5-pro, 40000, 32768",
            "gemini-2.5-flash-lite, 0, 0",
            "gemini-2.5-flash-lite, 1, 512"})
    void budgetsAreClampedToTheRange(String model, int budget, int expected) {
        ThinkingSettings settings = TABLE.resolve(model).resolve(
                new ReasoningConfig(Optional.empty(), Optional.of(budget), Optional.empty(), false));
        assertThat(settings.budget()).contains(expected);
        assertThat(settings.level()).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource({
            "gemini-3-pro-preview, MINIMAL, LOW",
            "gemini-3-pro-preview, MEDIUM, HIGH",
            "gemini-3.1-pro-preview, MINIMAL, LOW",
            "gemini-3.1-pro-preview, MEDIUM, MEDIUM",
            "gemini-3-flash-preview, MINIMAL, MINIMAL"})
    void levelsGoToTheNearestAllowedOneTiesUp(String model, ThinkingLevel wanted, ThinkingLevel expected) {
        ThinkingSettings settings = TABLE.resolve(model).resolve(
                new ReasoningConfig(Optional.empty(), Optional.empty(), Optional.of(wanted), true));
        assertThat(settings.level()).contains(expected);
        assertThat(settings.includeThoughts()).isTrue();
    }

    @ParameterizedTest(name = "{0} budget {1} → {2}")
    @CsvSource({
            "gemini-3-flash-preview, 0, minimal",
            "gemini-3-flash-preview, 512, low",
            "gemini-3-flash-preview, 8192, medium",
            "gemini-3-flash-preview, 8193, high",
            "gemini-3-pro-preview, 0, low"})
    void budgetsOnLevelModelsBecomeLevels(String model, int budget, String level) {
        ThinkingSettings settings = TABLE.resolve(model).resolve(
                new ReasoningConfig(Optional.empty(), Optional.of(budget), Optional.empty(), false));
        assertThat(settings.level().map(ThinkingLevel::wire)).contains(level);
        assertThat(settings.budget()).isEmpty();
    }

    @Test
    void dynamicBudgetOnALevelModelLeavesTheDefault() {
        ThinkingSettings settings = TABLE.resolve("gemini-3-pro-preview").resolve(
                new ReasoningConfig(Optional.empty(), Optional.of(-1), Optional.empty(), false));
        assertThat(settings.isEmpty()).isTrue();
    }

    @Test
    void noRequestMeansNoSettings() {
        assertThat(TABLE.resolve("gemini-2.5-flash").resolve(ReasoningConfig.none()).isEmpty()).isTrue();
        assertThat(TABLE.resolve("gemini-3-pro-preview").resolve(ReasoningConfig.none()).isEmpty()).isTrue();
    }

    @Test
    void modelsWithoutThinkingGetNothingEvenWhenThoughtsAreAsked() {
        ThinkingSettings settings = TABLE.resolve("gemini-2.0-flash").resolve(
                new ReasoningConfig(Optional.of(ReasoningEffort.HIGH), Optional.empty(), Optional.empty(), true));
        assertThat(settings).isEqualTo(ThinkingSettings.NONE);
    }

    @Test
    void operatorsCanBuildTheirOwnTable() throws Exception {
        JsonNode table = Json.MAPPER.readTree("""
                {"models": [{"match": "my-model*", "control": "level", "levels": ["high", "low"], "default": "low",
                             "effort": {"minimal": "low", "low": "low", "medium": "low", "high": "high"},
                             "thought_signatures": "optional"}],
                 "default": {"control": "none"}}""");
        ThinkingCapabilities custom = ThinkingCapabilities.fromJson(table);
        ThinkingCapability mine = custom.resolve("my-model-2");
        assertThat(mine.control()).isInstanceOfSatisfying(Control.Levels.class,
                l -> assertThat(l.allowed()).containsExactly(ThinkingLevel.LOW, ThinkingLevel.HIGH));
        assertThat(mine.resolve(new ReasoningConfig(Optional.of(ReasoningEffort.NONE), Optional.empty(), Optional.empty(),
                false)).level()).contains(ThinkingLevel.LOW);
        assertThat(custom.resolve("gemini-2.5-pro").control()).isInstanceOf(Control.Unsupported.class);
    }

    @Test
    void aMalformedTableNamesTheKey() throws Exception {
        assertThatThrownBy(() -> ThinkingCapabilities.fromJson(Json.MAPPER.readTree(
                "{\"models\": [{\"match\": \"x\", \"control\": \"budget\", \"budget_min\": 10, \"budget_max\": 5}],"
                        + " \"default\": {\"control\": \"none\"}}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("models[0]");
        assertThatThrownBy(() -> ThinkingCapabilities.fromJson(Json.MAPPER.readTree(
                "{\"models\": [{\"match\": \"x\", \"control\": \"level\", \"levels\": [\"huge\"]}],"
                        + " \"default\": {\"control\": \"none\"}}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("models[0].levels[0]");
        assertThatThrownBy(() -> ThinkingCapabilities.fromJson(Json.MAPPER.readTree(
                "{\"models\": [{\"match\": \"x\", \"control\": \"none\", \"budgetMin\": 1}], \"default\": {\"control\": \"none\"}}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown key 'budgetMin'");
        assertThatThrownBy(() -> ThinkingCapabilities.fromJson(Json.MAPPER.readTree("{\"models\": []}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'default'");
    }
}
