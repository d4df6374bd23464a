package dev.junction.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.testing.TestGateway;
import dev.junction.gateway.usage.UsageQuery;
import dev.junction.protocol.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser: Debian's headless Chromium, driven by Selenium through
 * chromedriver, on a 1366×768 screen. Saves a screenshot of each page in
 * {@code target/console-screenshots/}.
 */
@Tag("browser")
class ConsoleBrowserTest {
    static final String ADMIN = "console-admin-token-0123456789abcdef";
    static final Path SHOTS = Path.of("target", "console-screenshots");

    @TempDir
    Path dir;
    TestGateway junction;
    ChromeDriver browser;
    WebDriverWait wait;

    @BeforeEach
    void start() throws IOException {
        junction = TestGateway.start(dir, mockUrl -> """
                server:
                  port: 0
                data_dir: %s
                admin_token: "%s"
                upstreams:
                  - name: gemini-primary
                    base_url: %s
                    api_keys: [%s, "AIzaSECONDKEY0000000002"]
                    models: ["gemini-*"]
                  - name: gemini-backup
                    base_url: %s
                    api_keys: [%s]
                    models: ["gemini-*"]
                    priority: 2
                """.formatted(dir.resolve("data"), ADMIN, mockUrl, TestGateway.UPSTREAM_KEY, mockUrl,
                TestGateway.UPSTREAM_KEY));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(Path.of("/usr/bin/chromium").toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1366,768", "--force-device-scale-factor=1", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        Files.createDirectories(SHOTS);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        junction.close();
    }

    @Test
    void anOperatorSignsInCreatesATokenSeesItsRequestAndRevokesIt() throws Exception {
        browser.get(junction.baseUrl() + "/console");
        WebElement tokenInput = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-token")));
        tokenInput.sendKeys("not-the-admin-token");
        browser.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.textToBe(By.id("login-error"), "That is not the admin token."));
        assertThat(browser.findElement(By.id("shell")).isDisplayed()).isFalse();
        assertThat(browser.manage().getCookieNamed(SessionCookie.NAME)).isNull();
        shot("01-login-refused");

        signIn();
        Cookie session = browser.manage().getCookieNamed(SessionCookie.NAME);
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");
        assertThat(session.getPath()).isEqualTo("/console");
        assertThat((String) browser.executeScript("return document.cookie")).doesNotContain(session.getValue());
        assertThat(browser.getCurrentUrl()).doesNotContain(session.getValue()).doesNotContain(ADMIN);

        // Create a token with a budget.
        open("tokens");
        browser.findElement(By.id("new-token")).click();
        browser.findElement(By.id("token-name")).sendKeys("browser-team");
        browser.findElement(By.id("token-models")).sendKeys("gemini-2.5-*");
        browser.findElement(By.id("token-rpm")).sendKeys("60");
        browser.findElement(By.id("token-budget-usd")).sendKeys("5");
        new Select(browser.findElement(By.id("token-budget-period"))).selectByValue("monthly");
        shot("02-token-form");
        browser.findElement(By.id("token-save")).click();
        String secret = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-secret"))).getText();
        assertThat(secret).startsWith("jn-").hasSize(46);
        browser.findElement(By.id("copy-secret")).click();
        wait.until(ExpectedConditions.textToBe(By.id("copy-state"), "Copied"));
        assertThat(tableText()).contains("browser-team").contains("active").contains("..." + secret.substring(42))
                .contains("$0.00 of $5.00").doesNotContain(secret);
        shot("03-tokens-created");

        // Edit its limits.
        browser.findElement(By.cssSelector("[data-edit='browser-team']")).click();
        WebElement rpm = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-rpm")));
        rpm.clear();
        rpm.sendKeys("120");
        browser.findElement(By.id("token-save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".page-tokens table"), "120"));
        assertThat(browser.findElements(By.id("new-secret"))).as("the secret is shown only once").isEmpty();

        // Requests with it: four that succeed and one the token may not make.
        for (int i = 0; i < 4; i++) {
            assertThat(junction.post("/v1/chat/completions", TestGateway.bearer(secret), """
                    {"model": "gemini-2.5-flash", "max_tokens": 50, "messages": [{"role": "user", "content": "Hi %d"}]}
                    """.formatted(i)).statusCode()).isEqualTo(200);
        }
        assertThat(junction.post("/v1/chat/completions", TestGateway.bearer(secret), """
                {"model": "gemini-1.5-pro", "messages": [{"role": "user", "content": "Hi"}]}
                """).statusCode()).isEqualTo(403);
        awaitStored(5);

        open("requests");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("requests-table"), "gemini-2.5-flash"));
        List<WebElement> rows = browser.findElements(By.cssSelector("#requests-table tbody tr"));
        assertThat(rows).hasSize(5);
        assertThat(rows.get(0).getText()).contains("403").contains("browser-team").contains("gemini-1.5-pro");
        assertThat(rows.get(1).getText()).contains("200").contains("browser-team").contains("gemini-2.5-flash")
                .contains("gemini-primary");
        shot("04-requests");
        new Select(browser.findElement(By.id("requests-outcome"))).selectByValue("error");
        browser.findElement(By.cssSelector("#request-filters button[type=submit]")).click();
        wait.until(d -> d.findElements(By.cssSelector("#requests-table tbody tr")).size() == 1);
        assertThat(browser.findElement(By.cssSelector("#requests-table tbody tr")).getText()).contains("403");

        open("overview");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#h-requests svg")));
        String overview = browser.findElement(By.id("page")).getText();
        assertThat(browser.findElement(By.cssSelector(".kpi .value")).getText()).isEqualTo("5");
        assertThat(overview).contains("Top tokens").contains("browser-team").contains("gemini-2.5-flash")
                .contains("gemini-primary").contains("gemini-backup");
        assertThat(browser.findElements(By.cssSelector(".chart svg"))).hasSize(6);
        shot("05-overview");

        open("usage");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#usage-chart svg")));
        new Select(browser.findElement(By.id("usage-by"))).selectByValue("model");
        browser.findElement(By.cssSelector("#usage-filters button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".page-usage table"), "gemini-1.5-pro"));
        assertThat(tableText()).contains("gemini-2.5-flash");
        shot("06-usage");
        // The CSV export's encoding, as the page runs it.
        Object csv = browser.executeAsyncScript("const done = arguments[0];"
                + "import('/console/format.js').then(m => (m.csv(['model', 'note'], "
                + "[{model: 'gemini-2.5-flash', note: 'a, \\\"quoted\\\" note'}, {model: 'x'}])))"
                + ".then(text => done(JSON.stringify(text)))");
        assertThat(Json.MAPPER.readValue((String) csv, String.class))
                .isEqualTo("model,note\r\ngemini-2.5-flash,\"a, \"\"quoted\"\" note\"\r\nx,\r\n");
        new Select(browser.findElement(By.id("usage-upstream"))).selectByValue("gemini-backup");
        browser.findElement(By.cssSelector("#usage-filters button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".page-usage table"),
                "No usage matches these filters."));

        open("upstreams");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-upstream='gemini-backup']")));
        String upstreams = browser.findElement(By.id("page")).getText();
        assertThat(upstreams).contains("gemini-primary").contains("healthy").contains("...0002").contains("resting")
                .doesNotContain("AIzaSECONDKEY").doesNotContain(TestGateway.UPSTREAM_KEY);
        shot("07-upstreams");

        // Revoke: the token stops working.
        open("tokens");
        browser.findElement(By.cssSelector("[data-revoke='browser-team']")).click();
        browser.switchTo().alert().accept();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".page-tokens table"), "revoked"));
        assertThat(junction.post("/v1/chat/completions", TestGateway.bearer(secret), """
                {"model": "gemini-2.5-flash", "messages": [{"role": "user", "content": "Hi"}]}
                """).statusCode()).isEqualTo(401);
        shot("08-tokens-revoked");

        // Sign out: the session is over, on reload too.
        browser.findElement(By.id("logout")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-token")));
        assertThat(browser.findElement(By.id("login-error")).getText()).isEqualTo("You are signed out.");
        browser.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-token")));
        assertThat(browser.findElement(By.id("shell")).isDisplayed()).isFalse();
        assertThat(junction.get("/console/api/tokens", Map.of("Cookie", SessionCookie.NAME + "=" + session.getValue()))
                .statusCode()).as("the old session id is dead").isEqualTo(401);
    }

    private void signIn() {
        WebElement input = browser.findElement(By.id("login-token"));
        input.clear();
        input.sendKeys(ADMIN);
        browser.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("shell")));
        wait.until(ExpectedConditions.textToBe(By.id("page-title"), "Overview"));
    }

    private void open(String page) {
        browser.findElement(By.cssSelector(".sidebar a[data-page='" + page + "']")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".page-" + page)));
        wait.until(d -> d.findElement(By.id("updated")).getText().startsWith("Updated")
                && !d.findElement(By.cssSelector(".page-" + page)).getText().isEmpty());
    }

    private String tableText() {
        return browser.findElement(By.cssSelector("#page table")).getText();
    }

    private void awaitStored(int count) throws InterruptedException {
        UsageQuery all = new UsageQuery(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), Optional.empty(),
                Optional.empty());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (junction.gateway().operators().usage().find(all, Optional.empty(), 100).records().size() < count) {
            assertThat(System.nanoTime()).as("usage records stored in time").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** The laptop screen as the operator sees it, and the whole page below it. */
    private void shot(String name) throws IOException {
        Map<String, Object> viewport = browser.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png"));
        Files.write(SHOTS.resolve(name + ".png"), Base64.getDecoder().decode((String) viewport.get("data")));
        Map<String, Object> full = browser.executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true));
        Files.write(SHOTS.resolve(name + "-full.png"), Base64.getDecoder().decode((String) full.get("data")));
    }
}
