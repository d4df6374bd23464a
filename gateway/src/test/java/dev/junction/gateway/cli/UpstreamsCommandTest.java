package dev.junction.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.testing.ScriptedUpstream;
import dev.junction.gateway.testing.TestGateway;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code junction upstreams} against a running gateway: it shows a rested key and why, and resets it. */
class UpstreamsCommandTest {
    private static final String ADMIN = "admin-token-upstreams-cli";
    private static final String BAD_KEY = "{\"error\":{\"code\":400,\"message\":\"API key not valid.\",\"status\":"
            + "\"INVALID_ARGUMENT\",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\","
            + "\"reason\":\"API_KEY_INVALID\"}]}}";

    @TempDir
    Path dir;

    ScriptedUpstream rejecting;
    TestGateway junction;
    Path config;

    @BeforeEach
    void start() throws IOException {
        rejecting = new ScriptedUpstream(ScriptedUpstream.status(400, BAD_KEY));
        junction = TestGateway.start(dir, mockUrl -> """
                server:
                  port: 0
                data_dir: %s
                admin_token: %s
                upstreams:
                  - name: rejecting
                    base_url: %s
                    api_keys: [revoked-key-0001]
                    models: ["gemini-*"]
                  - name: mock
                    base_url: %s
                    api_keys: [%s]
                    models: ["gemini-*"]
                    priority: 1
                """.formatted(dir.resolve("data"), ADMIN, rejecting.baseUrl(), mockUrl, TestGateway.UPSTREAM_KEY));
        config = dir.resolve("cli.yaml");
        Files.writeString(config, "data_dir: \"" + dir.resolve("cli-data") + "\"\n");
    }

    @AfterEach
    void stop() throws IOException {
        junction.close();
        rejecting.close();
    }

    private record Run(int code, String out, String err) {}

    private Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            String[] all = new String[args.length + 2];
            System.arraycopy(args, 0, all, 0, args.length);
            all[args.length] = "-c";
            all[args.length + 1] = config.toString();
            int code = Main.run(all);
            return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void aRestedKeyIsShownWithItsReasonAndAResetMakesItUsable() {
        String ask = "{\"model\":\"gemini-2.5-flash\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        String token = junction.issue("cli-user");
        assertThat(junction.post("/v1/chat/completions", TestGateway.bearer(token), ask).statusCode()).isEqualTo(200);

        Run shown = run("upstreams", "--url", junction.baseUrl(), "--admin-token", ADMIN);
        assertThat(shown.code()).as(shown.err()).isZero();
        String rejectingLine = shown.out().lines().filter(l -> l.startsWith("rejecting")).findFirst().orElseThrow();
        assertThat(rejectingLine).contains("...0001 resting until 20").contains("(rejected)");
        assertThat(shown.out()).doesNotContain("revoked-key-0001");
        assertThat(shown.out().lines().filter(l -> l.startsWith("mock")).findFirst().orElseThrow())
                .contains("usable");

        Run reset = run("upstreams", "reset", "rejecting", "--url", junction.baseUrl(), "--admin-token", ADMIN);
        assertThat(reset.code()).as(reset.err()).isZero();
        assertThat(reset.out()).contains("Reset upstream 'rejecting'");
        Run after = run("upstreams", "--url", junction.baseUrl(), "--admin-token", ADMIN);
        assertThat(after.out().lines().filter(l -> l.startsWith("rejecting")).findFirst().orElseThrow())
                .contains("...0001 usable").doesNotContain("resting");
    }

    @Test
    void aWrongAdminTokenOrNoGatewayIsOneClearLine() throws IOException {
        Run wrong = run("upstreams", "--url", junction.baseUrl(), "--admin-token", "not-the-admin-token-at-all");
        assertThat(wrong.code()).isEqualTo(1);
        assertThat(wrong.err()).contains("answered 401");

        Run none = run("upstreams", "--url", "http://127.0.0.1:1", "--admin-token", ADMIN);
        assertThat(none.code()).isEqualTo(1);
        assertThat(none.err()).contains("no gateway answers at http://127.0.0.1:1");

        Run off = run("upstreams", "--url", junction.baseUrl());
        assertThat(off.code()).isEqualTo(1);
        assertThat(off.err()).contains("the admin API is off");
    }
}
