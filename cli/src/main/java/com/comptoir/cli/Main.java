package com.comptoir.cli;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code comptoir start | demo | processor | platform}: boots the embedded PostgreSQL (unless external
 * databases are configured) and the chosen systems, prints where they are, and runs in the
 * foreground until SIGTERM or Ctrl-C, which stop everything cleanly.
 */
public final class Main {
  /** How long a stop signal waits for a start-up in progress before giving up on it. */
  private static final long STARTUP_WAIT_SECONDS = 120;

  private Main() {}

  public static void main(String[] args) {
    String command = args.length == 0 ? "start" : args[0];
    if (command.equals("sandbox")) {
      System.exit(sandbox(java.util.Arrays.asList(args).subList(1, args.length)));
    }
    Launch.Systems systems =
        switch (command) {
          case "start", "demo" -> Launch.Systems.BOTH;
          case "processor" -> Launch.Systems.PROCESSOR;
          case "platform" -> Launch.Systems.PLATFORM;
          default -> {
            System.err.println("comptoir: unknown command '" + command + "'; use start, demo, processor, platform or sandbox");
            System.exit(2);
            yield null;
          }
        };
    Path root = Path.of(System.getProperty("comptoir.root", ".")).toAbsolutePath().normalize();
    // The hook is in place before anything starts: a SIGTERM during start-up waits for start-up
    // to finish (or fail) and then stops whatever did start, PostgreSQL included.
    AtomicReference<Launch> running = new AtomicReference<>();
    CountDownLatch startedOrFailed = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        startedOrFailed.await(STARTUP_WAIT_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      Launch launch = running.get();
      if (launch != null) {
        launch.close();
      }
      stopped.countDown();
    }, "comptoir-shutdown"));
    Launch launch;
    String banner;
    try {
      if (command.equals("demo")) {
        DemoCommand.Started demo = DemoCommand.start(System.getenv(), root, java.util.List.of(args).subList(1, args.length));
        launch = demo.launch();
        banner = demo.guide();
      } else {
        Settings settings = Settings.fromEnvironment(System.getenv(), root);
        launch = Launch.start(settings, systems);
        banner = launch.banner();
      }
      running.set(launch);
    } catch (SettingsException e) {
      System.err.println("comptoir: " + e.getMessage());
      startedOrFailed.countDown();
      System.exit(2);
      return;
    } catch (Exception | Error e) { // a library's static initializer can fail too, e.g. when stopped mid-start
      System.err.println("comptoir: could not start: " + e);
      e.printStackTrace();
      startedOrFailed.countDown();
      System.exit(1);
      return;
    } finally {
      startedOrFailed.countDown();
    }
    System.out.println(banner);
    System.out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** {@code comptoir sandbox ...} against the running processor; the exit status. */
  private static int sandbox(java.util.List<String> args) {
    Path root = Path.of(System.getProperty("comptoir.root", ".")).toAbsolutePath().normalize();
    try {
      return SandboxCommand.of(Settings.fromEnvironment(System.getenv(), root)).run(args, System.out, System.err);
    } catch (SettingsException e) {
      System.err.println("comptoir: " + e.getMessage());
      return 2;
    } catch (java.io.IOException e) {
      System.err.println("comptoir: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }
}
