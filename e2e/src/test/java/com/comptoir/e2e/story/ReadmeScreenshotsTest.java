package com.comptoir.e2e.story;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * README's "Your first ten minutes" and the table {@code ./comptoir screenshots} copies by cannot
 * drift apart: the section shows the table's pictures in its order, each with its line, and every
 * picture README shows exists.
 */
class ReadmeScreenshotsTest {
  private static final Path README = Newcomer.ROOT.resolve("README.md");
  private static final Pattern IMAGE = Pattern.compile("!\\[([^\\]]*)]\\(([^)]+)\\)");

  private static String section() throws Exception {
    String readme = Files.readString(README);
    int start = readme.indexOf("\n## Your first ten minutes\n");
    assertThat(start).as("README has a section 'Your first ten minutes'").isPositive();
    int end = readme.indexOf("\n## ", start + 1);
    return readme.substring(start, end < 0 ? readme.length() : end);
  }

  @Test
  void everyPictureTheReadmeShowsExists() throws Exception {
    Matcher m = IMAGE.matcher(Files.readString(README));
    int pictures = 0;
    while (m.find()) {
      assertThat(Newcomer.ROOT.resolve(m.group(2))).as("README shows " + m.group(2)).isRegularFile();
      pictures++;
    }
    assertThat(pictures).isBetween(5, 8);
  }

  @Test
  void theFirstTenMinutesShowTheTablesPicturesInItsOrderEachWithItsLine() throws Exception {
    String section = section();
    List<String> shown = new ArrayList<>();
    Matcher m = IMAGE.matcher(section);
    while (m.find()) {
      shown.add(m.group(2));
    }
    List<StoryShots> table = StoryShots.table();
    assertThat(shown).isEqualTo(table.stream().map(s -> "docs/screenshots/" + s.file()).toList());
    for (StoryShots shot : table) {
      assertThat(section).as("the line under " + shot.file()).contains(shot.caption());
    }
  }

  @Test
  void theTopTwoCommandsStayFirst() throws Exception {
    String readme = Files.readString(README);
    assertThat(readme.indexOf("./comptoir start   # everything")).isLessThan(readme.indexOf("## Your first ten minutes"));
  }
}
