package com.comptoir.e2e.story;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The table of README's pictures, {@code docs/screenshots/shots.tsv}: which step of the story
 * becomes which file, with the line saying what to notice. {@code ./comptoir screenshots} copies by
 * it; the story test checks its steps exist and {@link ReadmeScreenshotsTest} that README follows it.
 */
record StoryShots(String step, String file, String caption) {
  static final Path TABLE = Newcomer.ROOT.resolve("docs/screenshots/shots.tsv");

  static List<StoryShots> table() {
    try {
      return Files.readAllLines(TABLE).stream()
          .filter(line -> !line.isBlank() && !line.startsWith("#"))
          .map(line -> {
            String[] columns = line.split("\t");
            if (columns.length != 3) {
              throw new IllegalStateException(TABLE + ": not three tab-separated columns: " + line);
            }
            return new StoryShots(columns[0], columns[1], columns[2]);
          })
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> steps() {
    return table().stream().map(StoryShots::step).toList();
  }
}
