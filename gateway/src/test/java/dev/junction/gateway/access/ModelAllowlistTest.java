package dev.junction.gateway.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ModelAllowlistTest {
    @Test
    void emptyAllowsEverything() {
        assertThat(ModelAllowlist.ANY.allows("anything")).isTrue();
        assertThat(ModelAllowlist.parse(" ").allowsAll()).isTrue();
    }

    @Test
    void exactNamesAndStarPatterns() {
        ModelAllowlist list = ModelAllowlist.parse("gemini-2.5-*, gemini-3-pro-preview");
        assertThat(list.allows("gemini-2.5-flash")).isTrue();
        assertThat(list.allows("gemini-2.5-pro")).isTrue();
        assertThat(list.allows("gemini-3-pro-preview")).isTrue();
        assertThat(list.allows("gemini-3-pro-preview-file")).isFalse();
        assertThat(list.allows("gemini-2.0-flash")).isFalse();
        assertThat(list.patterns()).containsExactly("gemini-2.5-*", "gemini-3-pro-preview");
    }

    @Test
    void starMatchesAnywhere() {
        assertThat(ModelAllowlist.matches("*", "")).isTrue();
        assertThat(ModelAllowlist.matches("gemini-*-flash", "gemini-2.5-flash")).isTrue();
        assertThat(ModelAllowlist.matches("gemini-*-flash", "gemini-2.5-flash-lite")).isFalse();
        assertThat(ModelAllowlist.matches("*-lite", "gemini-2.5-flash-lite")).isTrue();
        assertThat(ModelAllowlist.matches("a*b*c", "axxbyyc")).isTrue();
        assertThat(ModelAllowlist.matches("a*b*c", "axxbyy")).isFalse();
        assertThat(new ModelAllowlist(List.of("g*")).allows("gemini")).isTrue();
    }
}
