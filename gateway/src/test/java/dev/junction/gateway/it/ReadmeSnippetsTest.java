package dev.junction.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.testing.TestGateway;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "First requests" run as written, against Junction with its built-in mock: every
 * {@code sh} block after the one that makes the token is run by bash, with {@code $TOKEN} set and
 * the address pointed at this gateway; any curl that gets an HTTP error fails the block.
 */
class ReadmeSnippetsTest {
    private static final Pattern BLOCK = Pattern.compile("```(\\w+)\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    static Path dir;

    static TestGateway junction;
    static String token;

    @BeforeAll
    static void start() {
        junction = TestGateway.start(dir);
        token = junction.issue("readme-reader");
    }

    @AfterAll
    static void stop() {
        junction.close();
    }

    private record Block(String language, String text) {}

    private static List<Block> firstRequests() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("## First requests");
        int end = readme.indexOf("\n## ", start + 1);
        assertThat(start).as("the README has a First requests section").isPositive();
        Matcher m = BLOCK.matcher(readme.substring(start, end));
        List<Block> blocks = new ArrayList<>();
        while (m.find()) {
            blocks.add(new Block(m.group(1), m.group(2)));
        }
        return blocks;
    }

    @Test
    void theFirstBlockMakesATokenAndExportsIt() throws IOException {
        Block first = firstRequests().get(0);
        assertThat(first.text()).contains("./junction keys create").contains("export TOKEN=");
    }

    @TestFactory
    Stream<DynamicTest> everyShellBlockRunsAsWritten() throws IOException {
        List<Block> shell = firstRequests().stream().filter(b -> b.language().equals("sh")).skip(1).toList();
        assertThat(shell).hasSizeGreaterThanOrEqualTo(3);
        return shell.stream().map(b -> DynamicTest.dynamicTest(b.text().lines().findFirst().orElse(""), () -> run(b)));
    }

    @Test
    void thePythonBlockDefinesWhatItUses() throws IOException {
        Block python = firstRequests().stream().filter(b -> b.language().equals("python")).findFirst().orElseThrow();
        assertThat(python.text()).contains("TOKEN = os.environ[\"TOKEN\"]");
        assertThat(python.text().indexOf("TOKEN =")).isLessThan(python.text().indexOf("api_key=TOKEN"));
    }

    private static void run(Block block) throws Exception {
        String address = junction.baseUrl().replaceFirst("^http://", "");
        String script = """
                set -euo pipefail
                curl() { command curl -sS --fail-with-body --max-time 20 "$@"; echo; }
                """ + block.text().replace("127.0.0.1:8080", address);
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true);
        builder.environment().put("TOKEN", token);
        Process process = builder.start();
        process.getOutputStream().close();
        String output;
        try (var in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        // An error object, not the "error": null that every Responses API object carries.
        assertThat(output).doesNotContainPattern("\"error\"\\s*:\\s*\\{");
    }
}
