package com.comptoir.processor.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven by Selenium, for tests that use pages as a person would: find
 * fields by their visible label, type, press buttons. {@code ./comptoir test} installs Chromium;
 * without it these tests fail saying so, since a skipped browser test would look like a pass.
 */
public final class Browser implements AutoCloseable {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  private final WebDriver driver;

  public Browser() {
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
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
  }

  public Browser open(String url) {
    driver.get(url);
    return this;
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

  /** The input whose {@code <label>} reads {@code label}: the way a person finds a field. */
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
    new org.openqa.selenium.support.ui.Select(field(label)).selectByVisibleText(option);
    return this;
  }

  /** Presses a button and waits for the page it leads to (a new document), as a person waits. */
  public Browser press(String button) {
    WebElement page = driver.findElement(By.tagName("html"));
    driver.findElement(By.xpath("//button[normalize-space(.)=" + quote(button) + "]")).click();
    // The old document is gone once its element can no longer be asked anything: Chromium says so
    // either as a stale reference or as "node does not belong to the document".
    new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> {
      try {
        page.isEnabled();
        return false;
      } catch (org.openqa.selenium.WebDriverException gone) {
        return true;
      }
    });
    return this;
  }

  public void waitForUrl(java.util.function.Predicate<String> condition) {
    new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> condition.test(d.getCurrentUrl()));
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
