package com.comptoir.soak;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Short-lived commands (tar, initdb, kill), each bounded by a timeout. */
final class Processes {
  private Processes() {}

  static void run(Duration timeout, String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] output = p.getInputStream().readAllBytes();
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", command) + " did not finish within " + timeout);
    }
    if (p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed (" + p.exitValue() + "): " + new String(output));
    }
  }
}
