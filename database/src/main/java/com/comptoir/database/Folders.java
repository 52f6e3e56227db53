package com.comptoir.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removing a data folder and all it holds: a throw-away cluster's, the demo's on --rebuild, a benchmark's or a test's. */
public final class Folders {
  private Folders() {}

  /** Deletes {@code folder} and everything in it, deepest first; nothing when it does not exist. */
  public static void deleteRecursively(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
