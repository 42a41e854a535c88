package net.ledgerd.app.explorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.ledgerd.app.json.PythonJson;
import net.ledgerd.app.node.SingleNode;
import net.ledgerd.ingestor.ledger.AssetKey;
import net.ledgerd.ingestor.ledger.ChainHead;
import net.ledgerd.ingestor.ledger.Coverage;
import net.ledgerd.ingestor.ledger.ReadingTransactions;
import net.ledgerd.ingestor.ledger.Segment;
import net.ledgerd.ingestor.readings.Reading;
import net.ledgerd.tx.build.SignedTransaction;
import net.ledgerd.tx.crypto.Ed25519KeyPair;
import net.ledgerd.tx.json.Canonical;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The explorer in a real browser (Debian's chromium through Selenium) against a real node
 * (Tendermint 0.31.5, the app, FerretDB): a device's readings are recorded as the ingestor records
 * them (its own transaction builder), then every page is loaded and checked, with no console error
 * allowed. Writes screenshots to target/screenshots; the README's are refreshed with
 * -Dledgerd.screenshots=../docs/screenshots, so a CI run leaves the clone unmodified.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExplorerBrowserTest {
    private static final ObjectMapper JSON = PythonJson.mapper();
    private static final String DEVICE = "greenhouse-7";
    private static final int HUMIDITY_READINGS = 40;
    private static final long START_MS = 1_790_000_000_000L;
    private static final TopicPartition SOURCE = new TopicPartition("readings", 0);
    private static final Path SCREENSHOTS = Path.of(System.getProperty("ledgerd.screenshots", "target/screenshots"));

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ReadingTransactions builder = new ReadingTransactions(Ed25519KeyPair.generate());
    private SingleNode node;
    private Chromium chromium;
    private String explorer;

    private SignedTransaction temperatureAsset;
    private SignedTransaction humidityAsset;
    private ChainHead temperatureHead;
    private long offset;
    private final List<SignedTransaction> transfers = new ArrayList<>();
    private final List<Double> values = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        node = SingleNode.start("explorer", Map.of());
        temperatureAsset = post(builder.create(new AssetKey(DEVICE, "temperature", "°C")));
        humidityAsset = post(builder.create(new AssetKey(DEVICE, "humidity", "%")));
        temperatureHead = new ChainHead(temperatureAsset.transaction(), Coverage.none());
        for (int i = 0; i < 5; i++) {
            addTemperatureReadings(2);
        }
        // A batch as the ingestor sends under load: over 1 KiB of metadata, which the history leaves out.
        List<Reading> humidity = new ArrayList<>();
        for (int i = 0; i < HUMIDITY_READINGS; i++) {
            humidity.add(reading(i, "humidity", "%", i, 40.0 + i));
        }
        post(builder.transfer(new ChainHead(humidityAsset.transaction(), Coverage.none()), List.of(segment(humidity))));
        awaitHistoryOfTheLatestBlock();
        chromium = new Chromium();
        explorer = node.baseUrl() + "/explorer/";
    }

    @AfterAll
    void stop() {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            if (node != null) {
                node.close();
            }
        }
    }

    @AfterEach
    void noConsoleErrors() {
        assertEquals(List.of(), chromium.consoleErrors(), "the browser console shows errors");
    }

    @Test
    @Order(1)
    void sha3AndCanonicalJsonMatchTheJavaImplementation() throws Exception {
        chromium.driver.get(explorer);
        waitReady();
        Random random = new Random(7);
        for (int length : new int[] {0, 1, 3, 135, 136, 137, 271, 272, 1000}) {
            byte[] input = new byte[length];
            random.nextBytes(input);
            String expected = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA3-256").digest(input));
            Object actual = js().executeAsyncScript(
                            "const done = arguments[arguments.length - 1];"
                                    + "import('./js/sha3.js').then(m => done(m.toHex(m.sha3_256("
                                    + "Uint8Array.from(arguments[0])))));",
                            toList(input));
            assertEquals(expected, actual, "SHA3-256 of " + length + " bytes");
        }
        String tricky = "{\"z\":1.0,\"a\":[1e16,1e15,0.0001,1e-05,-0.0,21.25,123456789012345678901234567890],"
                + "\"\\uffff\":\"\\u00e9\\u0001\\n\\\"/\",\"\\ud83d\\ude00\":true,\"b\":null,\"f\":1.5e-7}";
        String expected = Canonical.serialize(JSON.readTree(tricky));
        Object actual = js().executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                                + "import('./js/canonical.js').then(m => done(m.serialize(m.parse(arguments[0]))));",
                        tricky);
        assertEquals(expected, actual);
    }

    @Test
    @Order(2)
    void networkPageShowsHeightValidatorsAndBlocks() throws Exception {
        chromium.driver.get(explorer);
        waitReady();
        long height = latestHeight();
        waitUntil(() -> Long.parseLong(text("#height")) >= height, "the height reaches " + height);
        List<WebElement> validators = chromium.driver.findElements(By.cssSelector("#validators tbody tr"));
        assertEquals(1, validators.size());
        List<WebElement> blocks = chromium.driver.findElements(By.cssSelector("#blocks-table tbody tr"));
        assertTrue(!blocks.isEmpty(), "latest blocks are listed");
        waitUntil(() -> text("#stream-state").equals("live"), "the event stream is connected");
        chromium.screenshot(SCREENSHOTS.resolve("network.png"));
    }

    @Test
    @Order(3)
    void searchFindsEachKindOfKey() {
        chromium.driver.get(explorer);
        waitReady();
        String transfer = transfers.get(0).id();
        search(transfer);
        waitForPage("tx");
        assertEquals(transfer, text("#tx-id"));
        search(temperatureAsset.id());
        waitForPage("device");
        assertEquals(DEVICE, text("#device-name"));
        search(builder.ownerPublicKey());
        waitForPage("key");
        assertEquals(builder.ownerPublicKey(), text("#key"));
        assertTrue(
                chromium.driver
                                .findElements(By.cssSelector("#key-outputs tbody tr"))
                                .size()
                        >= 2,
                "the owner's outputs are listed");
        search(DEVICE);
        waitForPage("device");
        assertEquals(DEVICE, text("#device-name"));
        search("1");
        waitForPage("block");
        assertEquals("Block 1", text("h2"));
    }

    @Test
    @Order(4)
    void devicePageChartsTheReadingsZoomsAndAddsLiveOnes() throws Exception {
        chromium.driver.get(explorer + "#/device/" + DEVICE + "/" + temperatureAsset.id());
        waitReady();
        assertEquals("10", text("#reading-count"));
        assertEquals("10", attribute("#chart", "data-points"), "the chart plots every reading");
        List<WebElement> rows = chromium.driver.findElements(By.cssSelector("#readings-table tbody tr"));
        assertEquals(10, rows.size());
        assertTrue(
                rows.get(0).getText().contains(shown(values.get(9))),
                rows.get(0).getText());

        // Zoom to readings 2..5 (one a minute from START_MS).
        setInput("#range-from", "2026-09-21T14:15:20");
        setInput("#range-to", "2026-09-21T14:18:20");
        chromium.driver.findElement(By.id("range-apply")).click();
        waitUntil(
                () -> attribute("#chart", "data-x-min").startsWith(Long.toString(START_MS / 1000 + 120)), "zoomed in");
        chromium.driver.findElement(By.id("range-reset")).click();
        waitUntil(() -> Double.parseDouble(attribute("#chart", "data-x-min")) <= START_MS / 1000.0, "zoomed out");

        js().executeScript("window.notReloaded = true;");
        SignedTransaction live = addTemperatureReadings(1);
        waitUntil(() -> text("#reading-count").equals("11"), "the new reading appears");
        assertEquals(Boolean.TRUE, js().executeScript("return window.notReloaded === true;"), "no reload");
        assertEquals("11", attribute("#chart", "data-points"));
        WebElement newest = chromium.driver.findElement(By.cssSelector("#readings-table tbody tr"));
        assertTrue(newest.getText().contains(shown(values.get(10))), newest.getText());
        assertTrue(newest.getText().contains(live.id().substring(0, 8)), newest.getText());
        chromium.screenshot(SCREENSHOTS.resolve("device.png"));

        chromium.driver.findElement(By.linkText("humidity (%)")).click();
        waitUntil(() -> text("#reading-count").equals(Integer.toString(HUMIDITY_READINGS)), "the humidity tab");
        waitReady();
        assertEquals(
                HUMIDITY_READINGS,
                chromium.driver
                        .findElements(By.cssSelector("#readings-table tbody tr"))
                        .size(),
                "a batch's readings are listed from its transaction");
    }

    @Test
    @Order(5)
    void transactionPageVerifiesTheServedJson() {
        SignedTransaction tx = transfers.get(1);
        chromium.driver.get(explorer + "#/tx/" + tx.id());
        waitReady();
        assertEquals("passed", attribute("#verification", "data-outcome"), text("#verification"));
        assertTrue(text("#verification").contains("owns output 0"), text("#verification"));
        assertEquals("TRANSFER", text("#tx-operation"));
        // The second transfer's output was spent by the third.
        assertEquals("spent", text("#outputs-table tbody tr td:last-child"));
        assertTrue(!text("#tx-block").isEmpty());
        chromium.screenshot(SCREENSHOTS.resolve("transaction.png"));
    }

    @Test
    @Order(6)
    void tamperedJsonFailsVerification() {
        SignedTransaction tx = transfers.get(1);
        String value = JSON.valueToTree(values.get(2)).toString();
        chromium.driver.get(explorer);
        waitReady();
        // A lying server: every later answer for this transaction has one reading's value changed.
        js().executeScript(
                        "const [id, pattern, replacement] = arguments; const real = window.fetch;"
                                + "window.fetch = async (url, init) => { const r = await real(url, init);"
                                + "if (!String(url).endsWith('/api/v1/transactions/' + id)) return r;"
                                + "const text = (await r.text()).replace(new RegExp(pattern), replacement);"
                                + "return new Response(text, {status: r.status, headers: r.headers}); };"
                                + "location.hash = '#/tx/' + id;",
                        tx.id(),
                        // the ingestor records readings as the JSON text of columns ("{\"v\":[..]}" in the served JSON)
                        "(\\\\?\"v\\\\?\":\\s*\\[?)" + value.replace(".", "\\."),
                        "$1" + (values.get(2) + 1));
        waitForPage("tx");
        assertEquals("failed", attribute("#verification", "data-outcome"), text("#verification"));
        assertTrue(text("#verification").contains("recomputed"), text("#verification"));
        chromium.screenshot(SCREENSHOTS.resolve("transaction-tampered.png"));
    }

    // ---- recording readings as the ingestor does

    private SignedTransaction addTemperatureReadings(int count) throws Exception {
        List<Reading> readings = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = values.size();
            double v = 20.5 + 0.25 * n;
            values.add(v);
            readings.add(reading(n, "temperature", "°C", i, v));
        }
        SignedTransaction tx = post(builder.transfer(temperatureHead, List.of(segment(readings))));
        temperatureHead =
                new ChainHead(tx.transaction(), Coverage.fromMetadata(tx.json().path("metadata")));
        transfers.add(tx);
        return tx;
    }

    private static Reading reading(int minute, String key, String unit, int index, double value) {
        return new Reading(
                LongNode.valueOf(START_MS + 60_000L * minute),
                "Europe/Zurich",
                key,
                DoubleNode.valueOf(value),
                unit,
                index);
    }

    private Segment segment(List<Reading> readings) {
        return new Segment(SOURCE, offset++, START_MS, readings);
    }

    private SignedTransaction post(SignedTransaction tx) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(node.baseUrl() + "/api/v1/transactions?mode=commit"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(tx.text()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, response.statusCode(), response.body());
        return tx;
    }

    /** The history is written behind Commit: its answers say through which height they hold the blocks. */
    private void awaitHistoryOfTheLatestBlock() throws Exception {
        long height = latestHeight();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(node.baseUrl() + "/api/v1/devices/" + DEVICE))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() == 200
                    && JSON.readTree(response.body()).path("history_height").asLong() >= height) {
                return;
            }
            assertTrue(System.nanoTime() < deadline, "the history reached height " + height + " within 60 s");
            Thread.sleep(50);
        }
    }

    private long latestHeight() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(node.baseUrl() + "/api/v1/network?blocks=1"))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        JsonNode summary = JSON.readTree(response.body());
        return summary.path("height").asLong();
    }

    // ---- the browser

    private JavascriptExecutor js() {
        return chromium.driver;
    }

    private void search(String query) {
        WebElement box = chromium.driver.findElement(By.id("q"));
        box.clear();
        box.sendKeys(query);
        chromium.driver.findElement(By.cssSelector("#search button")).click();
    }

    private String page() {
        return attribute("body", "data-page");
    }

    private void waitReady() {
        waitUntil(() -> "true".equals(attribute("body", "data-ready")), "the page to load");
    }

    private void waitForPage(String name) {
        waitUntil(() -> name.equals(page()) && "true".equals(attribute("body", "data-ready")), "the " + name + " page");
    }

    private String text(String css) {
        return chromium.driver.findElement(By.cssSelector(css)).getText();
    }

    private String attribute(String css, String name) {
        String value = chromium.driver.findElement(By.cssSelector(css)).getDomAttribute(name);
        return value == null ? "" : value;
    }

    private void setInput(String css, String value) {
        js().executeScript("document.querySelector(arguments[0]).value = arguments[1];", css, value);
    }

    private void waitUntil(java.util.function.BooleanSupplier condition, String what) {
        new WebDriverWait(chromium.driver, Duration.ofSeconds(20))
                .withMessage(() -> "waiting for " + what + " at " + chromium.driver.getCurrentUrl() + "; console: "
                        + chromium.consoleErrors() + "; page: "
                        + chromium.driver
                                .getPageSource()
                                .substring(
                                        0,
                                        Math.min(
                                                1500,
                                                chromium.driver.getPageSource().length())))
                .ignoring(org.openqa.selenium.NoSuchElementException.class)
                .ignoring(NumberFormatException.class)
                .until(d -> condition.getAsBoolean());
    }

    /** A value as the page shows it (JavaScript drops a float's trailing ".0"). */
    private static String shown(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString() + " °C";
    }

    private static List<Integer> toList(byte[] bytes) {
        List<Integer> list = new ArrayList<>();
        for (byte b : bytes) {
            list.add(b & 0xff);
        }
        return list;
    }
}
