package dev.junction.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.access.CidrBlock;
import dev.junction.gateway.access.ModelAllowlist;
import dev.junction.gateway.access.NewToken;
import dev.junction.gateway.access.TokenLimits;
import dev.junction.gateway.testing.TestGateway;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A token limited to an address block, behind a proxy: {@code server.trusted_proxies} decides whom it names. */
class TrustedProxiesTest {
    private static final String ASK = "{\"model\":\"gemini-2.5-flash\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @TempDir
    Path dir;

    private static int status(TestGateway junction, String token, String forwardedFor) {
        return junction.post("/v1/chat/completions", Map.of("Authorization", "Bearer " + token,
                "Content-Type", "application/json", "X-Forwarded-For", forwardedFor), ASK).statusCode();
    }

    private static String officeToken(TestGateway junction) {
        return junction.issue(new NewToken("office", Optional.empty(), ModelAllowlist.ANY,
                List.of(CidrBlock.parse("203.0.113.0/24")), TokenLimits.NONE));
    }

    @Test
    void behindATrustedProxyTheForwardedClientIsTheOneChecked() {
        try (TestGateway junction = TestGateway.start(dir, "trusted_proxies: [127.0.0.0/8, \"::1\"]", "")) {
            String token = officeToken(junction);
            assertThat(status(junction, token, "203.0.113.7")).isEqualTo(200);
            assertThat(status(junction, token, "198.51.100.1")).isEqualTo(403);
            assertThat(status(junction, token, "203.0.113.7, 198.51.100.1")).isEqualTo(403);
        }
    }

    @Test
    void withoutTrustedProxiesTheHeaderChangesNothing() {
        try (TestGateway junction = TestGateway.start(dir, "", "")) {
            assertThat(status(junction, officeToken(junction), "203.0.113.7")).isEqualTo(403);
        }
    }
}
