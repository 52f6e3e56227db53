package com.comptoir.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven by Selenium, used as a person would: fields found by their
 * visible label, buttons and links by their text. {@code ./comptoir test} installs Chromium;
 * without it these tests fail saying so, since a skipped browser test would look like a pass.
 */
public final class Browser implements AutoCloseable {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  private final WebDriver driver;

  public Browser() {
    this(false);
  }

  /**
   * A browser that, with {@code recordNetwork}, keeps Chrome's performance log: every address it
   * requested, redirects included, which a person follows without seeing them (an account link
   * between the platform and hosted onboarding). Read it with {@link #requestedUrls()}.
   */
  public Browser(boolean recordNetwork) {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
      throw new AssertionError("Chromium and chromedriver are needed at " + CHROMIUM + " and " + DRIVER
          + "; run ./comptoir test, which installs Debian's chromium and chromium-driver");
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    // This machine has no network beyond loopback: no background fetches, no first-run, no sandbox as root.
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--window-size=1200,900");
    if (recordNetwork) {
      options.setCapability("goog:loggingPrefs", java.util.Map.of("performance", "ALL"));
    }
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
  }

  public Browser open(String url) {
    driver.get(url);
    return this;
  }

  /**
   * The addresses requested since the last call, redirects included, from Chrome's performance log
   * (only in a browser made with {@code recordNetwork}).
   */
  public List<String> requestedUrls() {
    java.util.regex.Pattern url = java.util.regex.Pattern.compile("\"method\":\"Network\\.requestWillBeSent\".*?\"request\":\\{.*?\"url\":\"([^\"]+)\"");
    List<String> urls = new java.util.ArrayList<>();
    for (org.openqa.selenium.logging.LogEntry entry : driver.manage().logs().get("performance")) {
      java.util.regex.Matcher m = url.matcher(entry.getMessage());
      if (m.find()) {
        urls.add(m.group(1));
      }
    }
    return urls;
  }

  public String url() {
    return driver.getCurrentUrl();
  }

  public String heading() {
    return driver.findElement(By.tagName("h1")).getText();
  }

  public String text() {
    return driver.findElement(By.tagName("body")).getText();
  }

  public String html() {
    return driver.getPageSource();
  }

  /** The control whose {@code <label>} reads {@code label}: the way a person finds a field. */
  public WebElement field(String label) {
    WebElement l = driver.findElement(By.xpath("//label[normalize-space(text())=" + quote(label) + " or normalize-space(.)=" + quote(label) + "]"));
    String id = l.getAttribute("for");
    if (id != null && !id.isEmpty()) {
      return driver.findElement(By.id(id));
    }
    return l.findElement(By.tagName("input"));
  }

  public Browser type(String label, String value) {
    WebElement input = field(label);
    input.clear();
    input.sendKeys(value);
    return this;
  }

  public Browser choose(String label) {
    field(label).click();
    return this;
  }

  public Browser select(String label, String option) {
    new Select(field(label)).selectByVisibleText(option);
    return this;
  }

  /** Attaches a file to the file field labelled {@code label}. */
  public Browser attach(String label, Path file) {
    field(label).sendKeys(file.toAbsolutePath().toString());
    return this;
  }

  /** Presses a button and waits for the page it leads to: every button here submits a form. */
  public Browser press(String button) {
    clickAndWaitForNextPage(find(By.xpath("//button[normalize-space(.)=" + quote(button) + "]"), "a button '" + button + "'"));
    return this;
  }

  public Browser follow(String link) {
    clickAndWaitForNextPage(find(By.xpath("//a[normalize-space(.)=" + quote(link) + "]"), "a link '" + link + "'"));
    return this;
  }

  /**
   * Whether the element's page has been replaced. Chromedriver reports a replaced page's element
   * as stale, or, when asked mid-navigation, as a node that "does not belong to the document".
   */
  private static boolean isGone(WebElement element) {
    try {
      element.isEnabled();
      return false;
    } catch (org.openqa.selenium.StaleElementReferenceException e) {
      return true;
    } catch (org.openqa.selenium.WebDriverException e) {
      if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
        return true;
      }
      throw e;
    }
  }

  private void clickAndWaitForNextPage(WebElement element) {
    WebElement page = driver.findElement(By.tagName("html"));
    element.click();
    new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> isGone(page));
    new WebDriverWait(driver, Duration.ofSeconds(15)).until(
        d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
  }

  /** The element, or a failure that shows the page it was not on. */
  private WebElement find(By by, String what) {
    try {
      return driver.findElement(by);
    } catch (org.openqa.selenium.NoSuchElementException e) {
      throw new AssertionError("no " + what + " on " + driver.getCurrentUrl() + ":\n" + text());
    }
  }

  public void waitForUrl(Predicate<String> condition) {
    new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> condition.test(d.getCurrentUrl()));
  }

  /** Waits for {@code text}, also across reloads (a page that refreshes itself replaces the body it is read from). */
  public void waitForText(String text, Duration timeout) {
    new WebDriverWait(driver, timeout).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(d -> d.findElement(By.tagName("body")).getText().contains(text));
  }

  /** Controls a person fills in that have no label, by name. */
  @SuppressWarnings("unchecked")
  public List<String> unlabelledControls() {
    return (List<String>) js("""
        return [...document.querySelectorAll('input, select, textarea')]
          .filter(e => e.type !== 'hidden' && e.labels.length === 0 && !e.getAttribute('aria-label'))
          .map(e => e.name || e.id || e.outerHTML);""");
  }

  /** Text elements whose contrast with the background behind them is under 4.5:1, with their ratio. */
  @SuppressWarnings("unchecked")
  public List<String> lowContrastText() {
    return (List<String>) js("""
        const rgb = s => s.match(/[\\d.]+/g).map(Number);
        const lum = c => { const [r, g, b] = c.slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
                           return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
        const background = e => { for (; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor);
                                   if (c.length < 4 || c[3] > 0) return c; } return [255, 255, 255]; };
        const bad = [];
        for (const e of document.querySelectorAll('body *')) {
          const own = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
          if (!own || e.offsetParent === null) continue;
          const a = lum(rgb(getComputedStyle(e).color)), b = lum(background(e));
          const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
          if (ratio < 4.5) bad.push(e.tagName + ' "' + e.textContent.trim().slice(0, 30) + '" ' + ratio.toFixed(2));
        }
        return bad;""");
  }

  /** Whether the page is wider than the window: what a phone user would have to scroll sideways. */
  public boolean scrollsSideways() {
    return (Boolean) js("return document.documentElement.scrollWidth > document.documentElement.clientWidth;");
  }

  private Object js(String script) {
    return ((JavascriptExecutor) driver).executeScript(script);
  }

  public WebDriver driver() {
    return driver;
  }

  private static String quote(String s) {
    return s.contains("'") ? "\"" + s + "\"" : "'" + s + "'";
  }

  @Override
  public void close() {
    driver.quit();
  }
}
