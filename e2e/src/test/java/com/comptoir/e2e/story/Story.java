package com.comptoir.e2e.story;

import com.comptoir.testing.Browser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;

/**
 * A walk in numbered steps, each ending in a screenshot of the browser ({@code 01-sign-up.png}...)
 * in one folder. A step that fails is named in the failure, and its screenshot and the page's HTML
 * are kept beside the others ({@code 05-...-FAILED.png}, {@code .html}), so the folder shows how
 * far the story got and what the person saw last.
 */
final class Story {
  private static final int MAX_HEIGHT = 2400;
  private final Path folder;
  private final Browser browser;
  private final List<String> done = new ArrayList<>();

  @FunctionalInterface
  interface Step {
    void run() throws Exception;
  }

  Story(Path folder, Browser browser) {
    this.folder = folder;
    this.browser = browser;
  }

  /** Runs {@code step}, then saves what the browser shows as {@code NN-name.png}. */
  void step(String name, Step step) {
    String file = String.format("%02d-%s", done.size() + 1, name);
    try {
      step.run();
    } catch (Throwable failure) {
      save(file + "-FAILED.png");
      writeHtml(file + "-FAILED.html");
      throw new AssertionError("the story failed at step " + file + " (" + browser.url() + "), screenshot and HTML kept in "
          + folder + ": " + failure.getMessage(), failure);
    }
    save(file + ".png");
    done.add(name);
  }

  /** The screenshot of step {@code name}, once it has passed. */
  Path screenshot(String name) {
    int index = done.indexOf(name);
    if (index < 0) {
      throw new IllegalArgumentException("no step named " + name + " has passed; the steps: " + done);
    }
    return folder.resolve(String.format("%02d-%s.png", index + 1, name));
  }

  List<String> steps() {
    return List.copyOf(done);
  }

  /** The whole page, as tall as it is (up to {@link #MAX_HEIGHT}), so a picture shows what is below the fold too. */
  private void save(String file) {
    try {
      Dimension window = browser.driver().manage().window().getSize();
      long height = (Long) ((JavascriptExecutor) browser.driver()).executeScript("return document.documentElement.scrollHeight;");
      // Headless Chromium has no toolbars: the window's height is the viewport's.
      browser.driver().manage().window().setSize(new Dimension(window.getWidth(), (int) Math.min(MAX_HEIGHT, Math.max(window.getHeight(), height))));
      Path shot = ((TakesScreenshot) browser.driver()).getScreenshotAs(OutputType.FILE).toPath();
      browser.driver().manage().window().setSize(window);
      Files.copy(shot, folder.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      // A browser that died mid-step cannot be photographed; the failure already says where it was.
    }
  }

  private void writeHtml(String file) {
    try {
      Files.writeString(folder.resolve(file), browser.html());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      // as above
    }
  }
}
