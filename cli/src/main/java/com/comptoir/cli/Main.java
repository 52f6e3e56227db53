package com.comptoir.cli;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code comptoir start | processor | platform}: boots the embedded PostgreSQL (unless external
 * databases are configured) and the chosen systems, prints where they are, and runs in the
 * foreground until SIGTERM or Ctrl-C, which stop everything cleanly.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    String command = args.length == 0 ? "start" : args[0];
    Launch.Systems systems =
        switch (command) {
          case "start" -> Launch.Systems.BOTH;
          case "processor" -> Launch.Systems.PROCESSOR;
          case "platform" -> Launch.Systems.PLATFORM;
          default -> {
            System.err.println("comptoir: unknown command '" + command + "'; use start, processor or platform");
            System.exit(2);
            yield null;
          }
        };
    Path root = Path.of(System.getProperty("comptoir.root", ".")).toAbsolutePath().normalize();
    Launch launch;
    try {
      Settings settings = Settings.fromEnvironment(System.getenv(), root);
      launch = Launch.start(settings, systems);
    } catch (SettingsException e) {
      System.err.println("comptoir: " + e.getMessage());
      System.exit(2);
      return;
    } catch (Exception e) {
      System.err.println("comptoir: could not start: " + e.getMessage());
      e.printStackTrace();
      System.exit(1);
      return;
    }
    System.out.println(launch.banner());
    System.out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  launch.close();
                  stopped.countDown();
                },
                "comptoir-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
