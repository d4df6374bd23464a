package dev.junction.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** Every level the README names is accepted; anything else is refused without a crash. */
class LogLevelsTest {
    @Test
    void theNamesOfOtherToolsAndOfJavaUtilLoggingAreLevels() {
        assertThat(LogLevels.parse("DEBUG")).contains(Level.FINE);
        assertThat(LogLevels.parse("debug")).contains(Level.FINE);
        assertThat(LogLevels.parse("TRACE")).contains(Level.FINEST);
        assertThat(LogLevels.parse(" warn ")).contains(Level.WARNING);
        assertThat(LogLevels.parse("ERROR")).contains(Level.SEVERE);
        assertThat(LogLevels.parse("FINE")).contains(Level.FINE);
        assertThat(LogLevels.parse("INFO")).contains(Level.INFO);
        assertThat(LogLevels.parse("OFF")).contains(Level.OFF);
    }

    @Test
    void aNameThatIsNoLevelIsEmptyNotAnException() {
        assertThat(LogLevels.parse("LOUD")).isEmpty();
        assertThat(LogLevels.parse("")).isEmpty();
        assertThat(LogLevels.parse(null)).isEmpty();
    }
}
