package io.ecrm.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import com.fasterxml.jackson.databind.JsonNode;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser: Debian's chromium, headless, driven through its chromedriver,
 * against an engine holding the demo shop (its events, its shoppers and their experiment). Signs in
 * with a key, opens every page and sees the demo's data on it, edits a rule segment with an error
 * then a valid one, exports a segment and gets the file, erases a customer; ids and names planted
 * with HTML in them show as text and run nothing. A screenshot of each page goes to
 * {@code serving/target/console/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {
    private static final Duration PATIENCE = Duration.ofMinutes(2);
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** A visitor id and an item name that would run script if the console wrote them as HTML. */
    private static final String PLANTED_VISITOR = "<img src=x onerror=window.planted=1>";
    private static final String PLANTED_NAME = "<img src=x onerror=window.planted=2> phone";
    private static final Path SCREENSHOTS = Path.of("target", "console");

    @TempDir
    static Path dir;

    private Engine engine;
    private WebDriver browser;
    private WebDriverWait wait;
    private Path downloads;

    @BeforeAll
    void startEngineAndBrowser() throws Exception {
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "the console's browser tests need Debian's packages chromium and chromium-driver (" + CHROMIUM + ", "
                        + CHROMEDRIVER + "): apt-get install chromium chromium-driver (.ci/run installs them)");
        Path data = dir.resolve("data");
        TestEngines.writeKeys(data);
        engine = Engine.start(TestEngines.embedded(data));
        HttpClientSupport http = new HttpClientSupport(engine.baseUrl(), TestEngines.DEMO_KEY);
        http.await("/health/ready", r -> r.status() == 200, PATIENCE);
        DemoSeeder.seedOnce(engine.publisher(), engine.tenants().defaultTenant().topics(), data);
        http.await("/v1/items/phone-00/similar?count=3", r -> r.status() == 200 && r.body().get("items").size() > 0, PATIENCE);
        new DemoShoppers(engine.baseUrl(), TestEngines.DEMO_KEY).run(60, DemoSeeder.SEED);
        assertEquals(202, http.post("/v1/catalog", "application/json",
                "[{\"itemId\":\"planted-1\",\"name\":\"" + PLANTED_NAME + "\",\"category\":\"phone\",\"price\":9.5,\"currency\":\"EUR\"}]").status());
        long now = System.currentTimeMillis();
        String visitor = PLANTED_VISITOR.replace("\"", "\\\"");
        assertEquals(202, http.post("/v1/events", "application/json", "[{\"eventId\":\"planted-e1\",\"type\":\"product_view\",\"timestamp\":"
                + (now - 2000) + ",\"anonymousId\":\"" + visitor + "\",\"itemId\":\"planted-1\"},{\"eventId\":\"planted-e2\",\"type\":\"product_view\","
                + "\"timestamp\":" + (now - 1000) + ",\"anonymousId\":\"" + visitor + "\",\"itemId\":\"phone-00\"}]").status());
        http.await("/v1/customers/" + java.net.URLEncoder.encode(PLANTED_VISITOR, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"),
                r -> r.status() == 200, PATIENCE);

        downloads = dir.resolve("downloads");
        Files.createDirectories(downloads);
        Files.createDirectories(SCREENSHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000",
                // headless chromium names itself HeadlessChrome, which cleaning drops as a robot: the
                // tracker's events must come from what a shopper's browser says it is
                "--user-agent=Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36");
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("download.default_directory", downloads.toString());
        prefs.put("download.prompt_for_download", false);
        options.setExperimentalOption("prefs", prefs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, PATIENCE);
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (engine != null) {
            engine.close();
        }
    }

    private WebElement shown(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    /** Clicks what the selector finds, again if the page redrew it in between. */
    private void click(String css) {
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
            d.findElement(By.cssSelector(css)).click();
            return true;
        });
    }

    private void rowsIn(String tableId, int atLeast) {
        wait.until(d -> d.findElements(By.cssSelector("#" + tableId + " tbody tr")).size() >= atLeast);
    }

    private void screenshot(String page) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(page + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private void open(String hash) {
        browser.get(engine.baseUrl() + "/console" + hash);
    }

    private Object planted() {
        return ((JavascriptExecutor) browser).executeScript("return window.planted === undefined ? null : window.planted;");
    }

    @Test
    @Order(1)
    void signsInWithAKeyAndShowsTheOverview() throws Exception {
        open("");
        shown("#key").sendKeys("ecrm_0000d0d0_not-the-secret");
        browser.findElement(By.cssSelector("#sign-in-form button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("sign-in-error"), "Unauthorized"));

        WebElement key = shown("#key");
        key.clear();
        key.sendKeys(TestEngines.DEMO_KEY);
        browser.findElement(By.cssSelector("#sign-in-form button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("broker"), "answering"));
        assertEquals("RUNNING", shown("#streams").getText());
        assertTrue(shown("#who").getText().contains("tenant demo"));
        rowsIn("routes", 3);
        assertTrue(shown("#routes").getText().contains("GET /v1/customers/{id}/recommendations"), "the demo shoppers' requests");
        assertTrue(browser.findElements(By.cssSelector("svg.chart rect")).size() >= 4 * 60, "four charts of an hour each");
        screenshot("overview");
        assertEquals(TestEngines.DEMO_KEY, ((JavascriptExecutor) browser).executeScript(
                "return sessionStorage.getItem('ecrm.console.key');"), "the key is kept in the tab's session storage");
        assertTrue(!browser.getCurrentUrl().contains(TestEngines.DEMO_KEY), "never in a URL");
    }

    @Test
    @Order(2)
    void showsACustomersWholePicture() throws Exception {
        open("#customers/customer-0003");
        shown("#profile");
        assertEquals("customer-0003", shown("#customer-name").getText());
        rowsIn("recent-items", 1);
        rowsIn("recommendations", 1);
        assertTrue(shown("#customer-segments").getText().contains("("), "the customer's segments");
        screenshot("customers");
    }

    @Test
    @Order(3)
    void showsItemsWithTheirCatalogueNamesAndAudience() throws Exception {
        open("#items/phone-00");
        rowsIn("similar", 1);
        rowsIn("audience", 1);
        rowsIn("popular", 3);
        rowsIn("trending", 1);
        String similar = shown("#similar").getText();
        assertTrue(similar.contains("EUR") || similar.contains("USD"), "names and prices from the catalogue: " + similar);
        screenshot("items");
    }

    @Test
    @Order(4)
    void editsARuleSegmentShowingErrorsByFieldThenExportsASegment() throws Exception {
        open("#segments");
        rowsIn("segments", 5);
        shown("#rule-name").sendKeys("console-test");
        WebElement rule = shown("#rule-body");
        rule.clear();
        rule.sendKeys("{\"field\": \"nope\", \"op\": \">\", \"value\": 1}");
        browser.findElement(By.id("rule-save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rule-outcome"), "/rule/field"));
        rule.clear();
        rule.sendKeys("{\"field\": \"orders\", \"op\": \">=\", \"value\": 1}");
        browser.findElement(By.id("rule-save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rule-outcome"), "Saved console-test"));

        click("button[data-segment='cluster-1']");
        shown("#export-progress");
        shown("#export-download").click();
        wait.until(d -> {
            try (Stream<Path> files = Files.list(downloads)) {
                return files.anyMatch(f -> f.getFileName().toString().endsWith(".csv"));
            } catch (java.io.IOException e) {
                return false;
            }
        });
        Path file;
        try (Stream<Path> files = Files.list(downloads)) {
            file = files.filter(f -> f.getFileName().toString().endsWith(".csv")).findFirst().orElseThrow();
        }
        List<String> lines = Files.readAllLines(file);
        assertTrue(lines.get(0).startsWith("customer_id"), "the export's header: " + lines.get(0));
        assertTrue(lines.size() > 1, "members of cluster-1");
        assertEquals("1", shown("#export-progress").getAttribute("value"));
        screenshot("segments");
    }

    @Test
    @Order(5)
    void showsTheModelAndTheExperiments() throws Exception {
        open("#model");
        rowsIn("settings", 10);
        assertTrue(shown("#settings").getText().contains("ranking.sessionNeighboursWeight"));
        screenshot("model");
        open("#experiments");
        rowsIn("experiments", 1);
        rowsIn("arms", 2);
        assertTrue(shown("#arms").getText().contains("current"));
        screenshot("experiments");
    }

    @Test
    @Order(6)
    void writesIdsAndNamesAsTextAndErasesACustomerAfterConfirmation() throws Exception {
        open("#items/planted-1");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("item-entry"), PLANTED_NAME));
        shown("#similar");
        open("#customers/" + java.net.URLEncoder.encode(PLANTED_VISITOR, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
        assertEquals(PLANTED_VISITOR, shown("#customer-name").getText(), "the id, as text");
        rowsIn("recent-items", 2);
        assertTrue(shown("#recent-items").getText().contains("planted-1"));
        open("#items/phone-00");
        rowsIn("audience", 1);
        assertEquals(null, planted(), "nothing planted in the data ran");

        open("#customers/customer-0007");
        shown("#profile");
        shown("#erase-start").click();
        shown("#erase-confirm-id").sendKeys("customer-0008");
        browser.findElement(By.id("erase-confirm")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("erase-result"), "does not match"));
        WebElement typed = shown("#erase-confirm-id");
        typed.clear();
        typed.sendKeys("customer-0007");
        browser.findElement(By.id("erase-confirm")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("erase-result"), "Erased."));
        HttpClientSupport http = new HttpClientSupport(engine.baseUrl(), TestEngines.DEMO_KEY);
        http.await("/v1/customers/customer-0007", r -> r.status() == 404, PATIENCE);
        open("#customers/customer-0008");
        shown("#profile");
        open("#customers/customer-0007");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("customer-error"), "Not found"));
    }

    @Test
    @Order(7)
    void theTrackerRecordsAShownListAndTheRecommendationAClickedItemCameFrom() throws Exception {
        HttpClientSupport http = new HttpClientSupport(engine.baseUrl(), TestEngines.DEMO_KEY);
        JsonNode answer = http.get("/v1/customers/customer-0008/recommendations?count=3").body();
        String first = answer.at("/items/0/itemId").asText();
        assertTrue(!first.isEmpty(), answer.toString());
        // a shop's page (any page of the engine's origin serves): the list rendered with the answer,
        // ecrm('shown', ...) queued before the tracker loads, as its snippet allows
        open("");
        ((JavascriptExecutor) browser).executeScript("""
                var answer = JSON.parse(arguments[0]);
                var list = document.createElement('div');
                answer.items.forEach(function (item, i) {
                  var link = document.createElement('span');
                  link.id = 'rec-' + i;
                  link.setAttribute('data-ecrm-item', item.itemId);
                  link.textContent = item.itemId;
                  list.appendChild(link);
                });
                document.body.appendChild(list);
                window.ecrm = window.ecrm || function () { (ecrm.q = ecrm.q || []).push(arguments); };
                ecrm('shown', answer, {placement: 'tracker-test', container: list});
                var tracker = document.createElement('script');
                tracker.src = '/ecrm.js';
                tracker.setAttribute('data-tenant', 'demo');
                document.head.appendChild(tracker);
                """, answer.toString());
        wait.until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript("return window.ecrm && !window.ecrm.q;")));
        click("#rec-0");
        ((JavascriptExecutor) browser).executeScript("ecrm('product_view', {itemId: arguments[0]});"
                + "ecrm('purchase', {itemId: arguments[0], quantity: 1, price: 5, currency: 'EUR'});", first);

        // the impression, the click (the product view names the list) and the purchase it earned
        JsonNode line = http.await("/v1/reports/recommendations?window=24h&placement=tracker-test",
                r -> r.status() == 200 && r.body().at("/total/purchases").asInt() == 1, PATIENCE).body().at("/placements/0");
        assertEquals(1, line.get("impressions").asInt(), line.toString());
        assertEquals(answer.get("items").size(), line.get("itemsShown").asInt(), line.toString());
        assertEquals(1, line.get("clicks").asInt(), line.toString());
        assertEquals(5.0, line.get("revenue").asDouble(), 1e-9, line.toString());
    }
}
