package io.vizflow.ui;

import io.vizflow.query.Query;
import io.vizflow.query.QueryResult;
import io.vizflow.query.QueryService;
import io.vizflow.ui.services.AxisLabels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.File;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.vizflow.ui.TestDataset.D1;
import static io.vizflow.ui.TestDataset.D2;
import static io.vizflow.ui.TestDataset.D3;
import static io.vizflow.ui.TestDataset.D4;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The app in a real headless Chromium (Debian's chromium and chromedriver, driven by Selenium):
 * one Spring context over a small consolidated dataset made here, one browser session. Each chart
 * must be drawn on its canvas with the query layer's values, the table and its CSV must equal the
 * query layer's, the state must live in the URL, and hostile input must be refused or stay a plain
 * value. Screenshots go to {@code target/screenshots/}. Nothing is skipped: without Chromium the
 * tests fail saying what to install.
 */
@SpringBootTest(classes = VizFlowUiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExplorationUiBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path ROOT = Path.of("target", "ui-test-data").toAbsolutePath();
    static final Path DATASET = ROOT.resolve("consolidated");
    static final Path SCREENSHOTS = Path.of(System.getProperty("vizflow.screenshots", "target/screenshots"));
    static final ObjectMapper JSON = new ObjectMapper();

    static Path config;
    static WebDriver driver;
    static QueryService reference;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void config(DynamicPropertyRegistry registry) {
        prepare();
        registry.add("vizflow.config", () -> config.toString());
    }

    static synchronized void prepare() {
        if (config != null) return;
        deleteTree(ROOT);
        config = TestDataset.writeConfig(ROOT);
        TestDataset.writeDataset(DATASET, D1, D2, D3);
    }

    @BeforeAll
    static void startBrowser() throws IOException {
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "the browser tests need Debian's Chromium: apt-get install -y chromium chromium-driver");
        prepare();
        reference = QueryService.open(DATASET);
        Files.createDirectories(SCREENSHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1000",
                "--user-data-dir=" + Files.createTempDirectory("vizflow-chromium"));
        // the driver named explicitly: Selenium Manager never downloads one
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) driver.quit();
        if (reference != null) reference.close();
    }

    // ---- the views ----

    @Test
    @Order(1)
    void heatmapDrawsTheQueryLayersValuesOnRealValueAxes() throws Exception {
        open("/heatmap?x=alpha1_bin&y=elapsed_seconds_bin&metric=mean_return_60");
        waitForChart("heatmap-chart", 1);
        assertCanvasDrawn("heatmap-chart");

        JsonNode option = option("heatmap-chart");
        List<String> xLabels = strings(option.at("/xAxis/data"));
        List<String> yLabels = strings(option.at("/yAxis/data"));
        assertEquals(List.of("-0.0002", "-0.0001", "0", "0.0001", "0.0002"), xLabels, "alpha1 real values, not bin indices");
        assertEquals(List.of("09:30", "10:00", "10:30", "11:00", "13:00", "13:30", "14:00", "14:30", "15:00"), yLabels,
                "elapsed_seconds bins as CN times of day");
        QueryResult expected = reference.run(Query.builder().groupBy("alpha1_bin", "elapsed_seconds_bin")
                .metrics("mean_return_60", "n_return_60").build());
        JsonNode data = option.at("/series/0/data");
        assertEquals(expected.size(), data.size());
        for (int i = 0; i < expected.size(); i++) {
            JsonNode cell = data.get(i);
            assertEquals(label("alpha1_bin", expected.get(i, "alpha1_bin")), xLabels.get(cell.get(0).asInt()));
            assertEquals(label("elapsed_seconds_bin", expected.get(i, "elapsed_seconds_bin")), yLabels.get(cell.get(1).asInt()));
            assertEquals((Double) expected.get(i, "mean_return_60"), cell.get(2).asDouble(), "cell " + i);
            assertEquals((Long) expected.get(i, "n_return_60"), cell.get(3).asLong(), "count of cell " + i);
        }
        double max = option.at("/visualMap/max").asDouble();
        assertEquals(-max, option.at("/visualMap/min").asDouble(), "a diverging scale centred on 0 for returns");
        assertEquals("#f7f7f7", option.at("/visualMap/inRange/color/3").asText());

        // hover: the exact value and the count behind it
        String tip = waitFor(() -> {
            String t = (String) js("const e = document.getElementById('heatmap-chart');"
                    + "e.chart.dispatchAction({type: 'showTip', seriesIndex: 0, dataIndex: 7}); return e.innerText");
            return t != null && t.contains("n_return_60") ? t : null;
        });
        assertEquals((Double) expected.get(7, "mean_return_60"), number(tip, "mean_return_60"), tip);
        assertEquals(((Long) expected.get(7, "n_return_60")).doubleValue(), number(tip, "n_return_60"), tip);
        assertTrue(tip.contains(label("alpha1_bin", expected.get(7, "alpha1_bin"))), tip);
        screenshot("heatmap");

        // a choice made in the page: the chart follows and the URL keeps it
        choose("choose-metric", "count");
        JsonNode counts = waitForOption("heatmap-chart", o -> o.at("/vf/metric").asText().equals("count"));
        QueryResult byCount = reference.run(Query.builder().groupBy("alpha1_bin", "elapsed_seconds_bin").metrics("count").build());
        assertEquals(((Long) byCount.get(0, "count")).doubleValue(), counts.at("/series/0/data/0/2").asDouble());
        assertEquals("sequential", counts.at("/vf/scale").asText(), "counts are not centred on 0");
        assertTrue(driver.getCurrentUrl().contains("metric=count"), driver.getCurrentUrl());
    }

    @Test
    @Order(2)
    void linesDrawOneLinePerValueWithTheCountBelow() throws Exception {
        open("/lines?x=elapsed_seconds_bin&series=side&metric=mean_return_60");
        waitForChart("lines-chart", 1);
        assertCanvasDrawn("lines-chart");
        JsonNode option = option("lines-chart");
        assertEquals(List.of("09:30", "10:00", "10:30", "11:00", "13:00", "13:30", "14:00", "14:30", "15:00"),
                strings(option.at("/xAxis/0/data")));
        JsonNode series = option.get("series");
        assertEquals(4, series.size(), "two lines (B, S) and their two count bars");
        for (int s = 0; s < 2; s++) {
            String side = s == 0 ? "B" : "S";
            assertEquals(side, series.get(s).get("name").asText());
            assertEquals("line", series.get(s).get("type").asText());
            assertEquals("bar", series.get(s + 2).get("type").asText());
            QueryResult expected = reference.run(Query.builder().where("side", side).groupBy("elapsed_seconds_bin")
                    .metrics("mean_return_60", "n_return_60").build());
            for (int i = 0; i < expected.size(); i++) {
                assertEquals((Double) expected.get(i, "mean_return_60"), series.get(s).get("data").get(i).get("value").asDouble());
                assertEquals((Long) expected.get(i, "n_return_60"), series.get(s + 2).get("data").get(i).asLong());
            }
        }
        screenshot("lines");
    }

    @Test
    @Order(3)
    void tableAndCsvEqualTheQueryLayersResultAndSortingLivesInTheUrl() throws Exception {
        open("/table?by=alpha1_bin,side&metrics=count,mean_return_60");
        Query query = Query.builder().groupBy("alpha1_bin", "side").metrics("count", "mean_return_60").build();
        QueryResult expected = reference.run(query);
        List<List<String>> rows = waitForRows(expected.size());
        assertEquals(expected.size(), rows.size());
        for (int i = 0; i < expected.size(); i++) assertRow(expected.rows().get(i), rows.get(i));

        String csv = (String) ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(document.getElementById('download-csv').href).then(r => r.text()).then(done, e => done('failed ' + e));");
        assertEquals(expected.toCsv(), csv, "the CSV is the query layer's");
        screenshot("table");

        js("document.getElementById('result').querySelectorAll('vaadin-grid-sorter').forEach(s => s.vfBefore = true)");
        clickSorter("count");
        waitForServer();
        clickSorter("count");
        waitFor(() -> driver.getCurrentUrl().contains("sort=count%3Adesc") || driver.getCurrentUrl().contains("sort=count:desc") ? true : null);
        waitForServer();
        assertEquals(Boolean.TRUE, js("return [...document.getElementById('result').querySelectorAll('vaadin-grid-sorter')]"
                + ".every(s => s.vfBefore === true)"), "sorting writes the URL and keeps the table: the view is not built again");
        List<List<Object>> byCount = new ArrayList<>(expected.rows());
        byCount.sort(Comparator.comparing((List<Object> r) -> (Long) r.get(3)).reversed());
        List<List<String>> sorted = waitForRows(expected.size());
        assertEquals(String.valueOf(byCount.get(0).get(3)), sorted.get(0).get(3), "the largest count first");

        // the sorted table, shared: a new page from the URL shows the same
        String url = driver.getCurrentUrl();
        driver.get(url);
        assertEquals(String.valueOf(byCount.get(0).get(3)), waitForRows(expected.size()).get(0).get(3));
    }

    @Test
    @Order(4)
    void filtersLiveInTheUrlAndTheDatasetPanelSaysWhatStandsBehind() throws Exception {
        open("/heatmap?from=2024-01-03&f.side=B&x=alpha1_bin&y=elapsed_seconds_bin&metric=mean_return_60");
        waitForChart("heatmap-chart", 1);
        assertEquals("Included: 2 of 3 dates: 2024-01-03, 2024-01-04", text("included-dates"));
        QueryResult counted = reference.run(Query.builder().dates(D2, null).where("side", "B").metrics("count").build());
        assertTrue(text("included-rows").startsWith("176 dataset rows · " + String.format("%,d", (Long) counted.get(0, "count")) + " counted"),
                text("included-rows"));
        QueryResult expected = reference.run(Query.builder().dates(D2, null).where("side", "B")
                .groupBy("alpha1_bin", "elapsed_seconds_bin").metrics("mean_return_60").build());
        assertEquals((Double) expected.get(0, "mean_return_60"), option("heatmap-chart").at("/series/0/data/0/2").asDouble());
        String lines = driver.findElement(By.id("nav-lines")).getAttribute("href");
        assertTrue(lines.contains("f.side=B") && lines.contains("from=2024-01-03"), "the other views keep the filters: " + lines);

        // a value typed into a filter that the dataset does not have is not taken
        WebElement input = driver.findElement(By.cssSelector("#filter-side input"));
        js("arguments[0].scrollIntoView(); arguments[0].focus()", input);
        input.sendKeys("' OR 1=1 --");
        input.sendKeys(Keys.ENTER);
        input.sendKeys(Keys.ESCAPE);
        Thread.sleep(500);
        assertEquals(List.of("B"), js("return document.getElementById('filter-side').selectedItems.map(i => i.label)"));
        assertFalse(driver.getCurrentUrl().contains("OR"), driver.getCurrentUrl());
    }

    @Test
    @Order(5)
    void hostileUrlParametersAreRefusedOrStayPlainValues() throws Exception {
        List<List<Object>> before = reference.run(Query.builder().groupBy("alpha1_bin", "side").metrics("count").build()).rows();
        String longValue = "B".repeat(3000) + "' OR 1=1 --";
        open("/heatmap?x=" + enc("alpha1_bin; DROP TABLE t") + "&metric=" + enc("count) FROM x --")
                + "&f.no_such_column=1&f.alpha1_bin=" + enc("1 OR 1=1")
                + "&f.side=" + enc("' OR '1'='1") + "&f.side=" + enc("<img src=x onerror=\"window.__xss=1\">")
                + "&f.side=" + enc(longValue) + "&evil=" + enc("<script>window.__xss=2</script>"));
        String refused = waitFor(() -> present("notice-refused") ? text("notice-refused") : null);
        // the page then writes its cleaned URL into the history; the view must not be entered again with it
        // (it was, under React Router: that second entry dropped this notice, in ~1 of 3 builds before this check)
        waitFor(() -> driver.getCurrentUrl().contains("evil") ? null : true);
        waitForServer();
        assertTrue(present("notice-refused"), "the notice stays once the page wrote its cleaned URL");
        for (String part : List.of("x: unknown dimension 'alpha1_bin; DROP TABLE t'", "metric: unknown metric 'count) FROM x --'",
                "unknown dimension 'no_such_column'", "alpha1_bin: '1 OR 1=1' is not a whole number", "unknown parameter 'evil'")) {
            assertTrue(refused.contains(part), part + " in: " + refused);
        }
        String empty = waitFor(() -> present("empty") ? text("empty") : null);
        assertTrue(empty.startsWith("Nothing matches"), empty);
        assertEquals(null, js("return window.__xss === undefined ? null : String(window.__xss)"), "no markup of a value runs");
        screenshot("hostile");
        assertEquals(before, reference.run(Query.builder().groupBy("alpha1_bin", "side").metrics("count").build()).rows(),
                "the dataset is as before");
        // the page still works: a shared link of a real choice
        open("/heatmap?x=side&y=alpha1_bin&metric=count");
        waitForChart("heatmap-chart", 1);
        assertEquals(List.of("B", "S"), strings(option("heatmap-chart").at("/xAxis/data")));
    }

    @Test
    @Order(6)
    void aDatasetThatChangedUnderneathIsNoticedAndShown() throws Exception {
        open("/heatmap?x=alpha1_bin&y=elapsed_seconds_bin&metric=mean_return_60");
        waitForChart("heatmap-chart", 1);
        assertTrue(text("dataset-held").startsWith("Held: 3 dates"), text("dataset-held"));
        Thread.sleep(20); // a new manifest (its modification time, size) is a new version
        TestDataset.writeDataset(DATASET, D1, D2, D3, D4);
        choose("choose-metric", "count");
        waitForOption("heatmap-chart", o -> o.at("/vf/metric").asText().equals("count"));
        String notice = waitFor(() -> present("notice-changed") ? text("notice-changed") : null);
        assertTrue(notice.contains("was 3 dates") && notice.contains("now 4 dates"), notice);
        assertTrue(text("dataset-held").startsWith("Held: 4 dates"), text("dataset-held"));
        waitForChart("heatmap-chart", 1);
        QueryResult expected = reference.run(Query.builder().groupBy("alpha1_bin", "elapsed_seconds_bin").metrics("count").build());
        assertEquals(4, expected.dates().size());
        assertEquals(((Long) expected.get(0, "count")).doubleValue(), option("heatmap-chart").at("/series/0/data/0/2").asDouble());
        assertTrue(driver.getCurrentUrl().contains("metric=count"), driver.getCurrentUrl());
    }

    @Test
    @Order(7)
    void withoutConsolidatedDataThePageSaysHowToMakeIt() throws Exception {
        Path manifest = DATASET.resolve("manifest.json");
        Path aside = DATASET.resolve("manifest.json.aside");
        Files.move(manifest, aside, StandardCopyOption.REPLACE_EXISTING);
        try {
            open("/lines");
            String none = waitFor(() -> present("no-dataset") ? text("no-dataset") : null);
            assertTrue(none.startsWith("No consolidated data yet") && none.contains("vizflow consolidate --config " + config), none);
            screenshot("no-dataset");
        } finally {
            Files.move(aside, manifest, StandardCopyOption.REPLACE_EXISTING);
        }
        open("/lines");
        waitForChart("lines-chart", 1);
    }

    // ---- helpers ----

    void open(String path) {
        driver.get("http://127.0.0.1:" + port + path);
    }

    static Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Waits for a condition: up to 90 s, as a loaded 2-core CI machine once took over 30 s to render a page. */
    static <T> T waitFor(java.util.function.Supplier<T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(90)).until(d -> {
            try {
                return condition.get();
            } catch (RuntimeException e) {
                return null;
            }
        });
    }

    /**
     * Waits until the page's server round trips are over (as Vaadin TestBench's waitForVaadin: no client of
     * the page is active), twice, so that a round trip the page starts on a response is waited for too.
     */
    static void waitForServer() throws InterruptedException {
        for (int i = 0; i < 2; i++) {
            waitFor(() -> Boolean.TRUE.equals(js("const c = window.Vaadin && window.Vaadin.Flow && window.Vaadin.Flow.clients;"
                    + "return !!c && Object.values(c).every(x => !x.isActive || !x.isActive())")) ? true : null);
            Thread.sleep(300);
        }
    }

    /** Waits until the chart drew an option {@code times} times since the page loaded. */
    static void waitForChart(String id, int times) {
        waitFor(() -> {
            Object n = js("const e = document.getElementById(arguments[0]); return e && e.chart && e.offsetHeight > 0 ? e.renderCount : null", id);
            return n != null && ((Number) n).intValue() >= times ? true : null;
        });
    }

    /** Waits until the chart shows an option that passes the test, and returns it. */
    static JsonNode waitForOption(String id, java.util.function.Predicate<JsonNode> test) {
        return waitFor(() -> {
            try {
                JsonNode o = option(id);
                return test.test(o) ? o : null;
            } catch (IOException e) {
                return null;
            }
        });
    }

    static JsonNode option(String id) throws IOException {
        return JSON.readTree((String) js("return document.getElementById(arguments[0]).optionJson", id));
    }

    /** The chart's canvas has ink: many pixels drawn. */
    static void assertCanvasDrawn(String id) {
        Number ink = (Number) js("const c = document.getElementById(arguments[0]).querySelector('canvas');"
                + "if (!c || c.width === 0) return 0;"
                + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;"
                + "for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n;", id);
        assertTrue(ink.longValue() > 20_000, "the canvas of " + id + " has " + ink + " drawn pixels");
    }

    static boolean present(String id) {
        return !driver.findElements(By.id(id)).isEmpty();
    }

    static String text(String id) {
        return driver.findElement(By.id(id)).getText().trim();
    }

    /** Chooses an item of a combo box as a person does: typing it and pressing Enter. */
    static void choose(String id, String item) throws InterruptedException {
        WebElement input = driver.findElement(By.cssSelector("#" + id + " input"));
        for (int attempt = 0; attempt < 3; attempt++) {
            js("arguments[0].scrollIntoView(); arguments[0].focus()", input);
            input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
            input.sendKeys(item);
            Thread.sleep(300);
            input.sendKeys(Keys.ENTER);
            for (int i = 0; i < 20; i++) {
                if (item.equals(js("const c = document.getElementById(arguments[0]); return c.opened ? null : arguments[1].value", id, input))) {
                    return;
                }
                Thread.sleep(100);
            }
        }
        throw new AssertionError("could not choose " + item + " in " + id);
    }

    static void clickSorter(String column) {
        for (WebElement s : driver.findElements(By.tagName("vaadin-grid-sorter"))) {
            if (s.getText().trim().equals(column)) {
                s.click();
                return;
            }
        }
        throw new AssertionError("no sorter " + column);
    }

    /** The rendered rows of the result grid, in row order, as their cell texts. */
    @SuppressWarnings("unchecked")
    static List<List<String>> waitForRows(int expected) {
        return waitFor(() -> {
            List<List<String>> rows = (List<List<String>>) js("const g = document.getElementById('result'); if (!g) return null;"
                    + "const trs = [...g.shadowRoot.querySelectorAll('tbody#items tr')]"
                    + "  .filter(r => !r.hidden && r.index !== undefined && r.index < g.size).sort((a, b) => a.index - b.index);"
                    + "return trs.map(r => [...r.querySelectorAll('td')].map(td => {"
                    + "  const s = td.querySelector('slot'); const e = s && s.assignedElements()[0]; return e ? e.textContent : null; }));");
            return rows != null && rows.size() == expected && rows.stream().allMatch(r -> !r.isEmpty() && r.get(0) != null && !r.get(0).isEmpty())
                    ? rows : null;
        });
    }

    static void assertRow(List<Object> expected, List<String> shown) {
        assertEquals(expected.size(), shown.size());
        for (int j = 0; j < expected.size(); j++) {
            Object v = expected.get(j);
            if (v instanceof Double d) {
                double got = Double.parseDouble(shown.get(j));
                assertTrue(Math.abs(got - d) <= 1e-9 * Math.max(1, Math.abs(d)), shown.get(j) + " vs " + d);
            } else {
                assertEquals(v == null ? "" : String.valueOf(v), shown.get(j));
            }
        }
    }

    static String label(String dimension, Object value) {
        return new AxisLabels(io.vizflow.market.Market.CN).label(reference.dataset().dimension(dimension), value);
    }

    /** The number after {@code name: } in a text. */
    static double number(String text, String name) {
        Matcher m = Pattern.compile("(?<![A-Za-z0-9_])" + Pattern.quote(name) + ": ([-0-9.eE+]+)").matcher(text);
        assertTrue(m.find(), name + " in " + text);
        return Double.parseDouble(m.group(1));
    }

    static List<String> strings(JsonNode array) {
        assertNotNull(array);
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static void screenshot(String name) throws IOException {
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(name + ".png"), png);
    }

    static void deleteTree(Path p) {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

}
