package dev.junction.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up failures other than the configuration's: one line naming the cause and the fix, no stack trace. */
class StartupFailureTest {
    @TempDir
    Path dir;

    private String serve(String yaml) throws Exception {
        Path file = dir.resolve("junction.yaml");
        Files.writeString(file, yaml);
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertThat(Main.run("serve", "--mock", "-c", file.toString())).isEqualTo(1);
        } finally {
            System.setErr(saved);
        }
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aPortInUseIsNamedWithItsAddress() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String said = serve("server: {host: 127.0.0.1, port: " + taken.getLocalPort() + "}\ndata_dir: \"" + dir + "\"\n");
            assertThat(said).contains("junction: cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .contains("already in use").contains("JUNCTION_PORT");
            assertThat(said.lines().filter(l -> l.startsWith("junction:"))).hasSize(1);
            assertThat(said).doesNotContain("\tat ");
        }
    }

    @Test
    void anUnreachableDatabaseIsNamedWithItsUrl() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        String said = serve("server: {port: 0}\ndata_dir: \"" + dir + "\"\nstorage:\n  url: jdbc:postgresql://127.0.0.1:"
                + closed + "/junction\n  user: junction\n");
        assertThat(said).contains("junction: cannot open the database jdbc:postgresql://127.0.0.1:" + closed
                + "/junction as junction").contains("PostgreSQL");
        assertThat(said).doesNotContain("\tat ");
    }
}
