package dev.junction.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConsoleSessionsTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-10T12:00:00Z"));
    final ConsoleSessions sessions = new ConsoleSessions(clock, Duration.ofMinutes(30), Duration.ofHours(12));

    @Test
    void aSessionEndsAfterThirtyIdleMinutesAndUseKeepsItAlive() {
        ConsoleSession s = sessions.open("admin");
        assertThat(s.id()).hasSize(43).isNotEqualTo(s.csrf());
        clock.advance(Duration.ofMinutes(29));
        assertThat(sessions.find(s.id())).isPresent();
        clock.advance(Duration.ofMinutes(29));
        assertThat(sessions.find(s.id())).as("used a minute before it would have expired").isPresent();
        clock.advance(Duration.ofMinutes(30));
        assertThat(sessions.find(s.id())).isEmpty();
        assertThat(sessions.size()).isZero();
    }

    @Test
    void aSessionInUseStillEndsTwelveHoursAfterSignIn() {
        ConsoleSession s = sessions.open("admin");
        for (int i = 0; i < 12 * 4 - 1; i++) {
            clock.advance(Duration.ofMinutes(15));
            assertThat(sessions.find(s.id())).as("after %d minutes", (i + 1) * 15).isPresent();
        }
        assertThat(sessions.find(s.id()).map(sessions::expiresAt)).contains(Instant.parse("2026-03-11T00:00:00Z"));
        clock.advance(Duration.ofMinutes(15));
        assertThat(sessions.find(s.id())).isEmpty();
    }

    @Test
    void sessionsAreDistinctAndLogoutEndsOne() {
        ConsoleSession a = sessions.open("admin");
        ConsoleSession b = sessions.open("admin");
        assertThat(a.id()).isNotEqualTo(b.id());
        assertThat(a.csrf()).isNotEqualTo(b.csrf());
        sessions.close(a.id());
        assertThat(sessions.find(a.id())).isEmpty();
        assertThat(sessions.find(b.id())).isPresent();
        assertThat(sessions.find("made-up")).isEmpty();
    }

    @Test
    void theSessionCookieIsHttpOnlyStrictAndSecureOnlyOverTls() {
        assertThat(SessionCookie.set("abc", 1800, false))
                .isEqualTo("junction_console=abc; Path=/console; Max-Age=1800; HttpOnly; SameSite=Strict");
        assertThat(SessionCookie.set("abc", 1800, true)).endsWith("; Secure");
        assertThat(SessionCookie.read("a=1; junction_console=xyz; b=2")).contains("xyz");
        assertThat(SessionCookie.read("junction_console=")).isEmpty();
        assertThat(SessionCookie.secure(false, "https")).isTrue();
        assertThat(SessionCookie.secure(false, "http")).isFalse();
        assertThat(SessionCookie.secure(true, null)).isTrue();
    }
}
