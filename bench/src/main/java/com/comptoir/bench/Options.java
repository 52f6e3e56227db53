package com.comptoir.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * How hard and how long to drive the targets. Bounded on purpose: this runs on developer machines
 * (two cores) against 127.0.0.1 only, so a typo must not become an hour of full load.
 *
 * @param warmupSeconds one warm-up chunk per target, discarded; see {@link Comparison#warmUp}
 * @param durationSeconds per target per measured round
 * @param rounds measured rounds; targets alternate within each round so drift hits both alike
 * @param threads wrk threads ({@code -t})
 * @param connections wrk connections ({@code -c}), shared by the threads
 * @param profile also record a JFR profile of the system under test and summarise it
 */
record Options(
    List<String> benchmarks,
    int warmupSeconds,
    int durationSeconds,
    int rounds,
    int threads,
    int connections,
    boolean profile) {

  static final int MAX_SECONDS = 120;
  static final int MAX_ROUNDS = 10;
  static final int MAX_CONNECTIONS = 256;

  static final String USAGE =
      """
      usage: comptoir bench [NAME...] [options]
        NAME                 a benchmark (default: all); 'comptoir bench --list' lists them
        --warmup=SECONDS     warm-up chunk per target, discarded; repeated until
                             two chunks agree within 10%, at most 4 (default 5)
        --duration=SECONDS   measured time per target per round       (default 15)
        --rounds=N           measured rounds, targets alternating     (default 2)
        --threads=N          wrk threads                              (default 1)
        --connections=N      wrk connections                          (default 16)
        --profile            record a JFR profile of the system under test and summarise it
        --list               list the benchmarks
      Exit status: 0 when every target ratio is met, 3 when one is not, 2 on bad usage, 1 on failure.""";

  Options {
    benchmarks = List.copyOf(benchmarks);
    requireRange("--warmup", warmupSeconds, 0, MAX_SECONDS);
    requireRange("--duration", durationSeconds, 1, MAX_SECONDS);
    requireRange("--rounds", rounds, 1, MAX_ROUNDS);
    requireRange("--connections", connections, 1, MAX_CONNECTIONS);
    requireRange("--threads", threads, 1, connections);
  }

  static Options defaults() {
    return new Options(List.of(), 5, 15, 2, 1, 16, false);
  }

  /** Parses the command line; throws {@link IllegalArgumentException} with a readable message. */
  static Options parse(String[] args) {
    Options o = defaults();
    List<String> names = new ArrayList<>();
    int warmup = o.warmupSeconds, duration = o.durationSeconds, rounds = o.rounds, threads = o.threads, connections = o.connections;
    boolean profile = false;
    for (String arg : args) {
      if (!arg.startsWith("--")) {
        names.add(arg);
        continue;
      }
      String key = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
      switch (key) {
        case "--warmup" -> warmup = seconds(key, value);
        case "--duration" -> duration = seconds(key, value);
        case "--rounds" -> rounds = integer(key, value);
        case "--threads" -> threads = integer(key, value);
        case "--connections" -> connections = integer(key, value);
        case "--profile" -> profile = true;
        default -> throw new IllegalArgumentException("unknown option " + arg);
      }
    }
    return new Options(names, warmup, duration, rounds, threads, connections, profile);
  }

  /** Whole seconds: {@code 15}, {@code 15s} or {@code 1m}. */
  private static int seconds(String key, String value) {
    if (value == null) {
      throw new IllegalArgumentException(key + " needs a value, e.g. " + key + "=15s");
    }
    if (value.endsWith("m")) {
      return integer(key, value.substring(0, value.length() - 1)) * 60;
    }
    return integer(key, value.endsWith("s") ? value.substring(0, value.length() - 1) : value);
  }

  private static int integer(String key, String value) {
    if (value == null) {
      throw new IllegalArgumentException(key + " needs a value, e.g. " + key + "=2");
    }
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number, was '" + value + "'");
    }
  }

  private static void requireRange(String key, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(key + " must be between " + min + " and " + max + ", was " + value);
    }
  }

  /** The wrk flags these options stand for, as a reader would type them. */
  String wrkFlags(int seconds) {
    return "-t" + threads + " -c" + connections + " -d" + seconds + "s";
  }
}
