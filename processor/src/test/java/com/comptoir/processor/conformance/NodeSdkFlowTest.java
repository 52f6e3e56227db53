package com.comptoir.processor.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.comptoir.processor.testing.TestProcessor;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs {@code e2e/node/account-flow.mjs}, the official Stripe Node SDK's account flow, with
 * {@code node} against this JVM's live processor. The SDK comes from {@code e2e/node/node_modules},
 * which {@code ./comptoir test} installs from the committed lock file; without it this test fails
 * and says so, because a skipped SDK check would look like a passing one.
 */
class NodeSdkFlowTest {
  private static final String SCRIPT = "account-flow.mjs";
  private static final long TIMEOUT_SECONDS = 60;

  /**
   * One JUnit test per step of the flow, from the flow's TAP-like output: a failed step fails with
   * its own message, and if node itself fails (no summary, unexpected exit) the whole flow fails with its output.
   */
  @TestFactory
  Stream<DynamicTest> theOfficialNodeSdkRunsTheAccountFlowAgainstALiveProcessor() throws Exception {
    Path dir = e2eNodeDir();
    requireInstalledSdk(dir);
    String log = runFlow(dir, SCRIPT, TestProcessor.get());
    Matcher summary = Pattern.compile("(?m)^flow: (\\d+) passed, (\\d+) failed, of (\\d+) steps$").matcher(log);
    if (!summary.find()) {
      fail("node " + SCRIPT + " ended without its summary line; its output:%n%s", log);
    }
    List<DynamicTest> steps = new ArrayList<>();
    Matcher step = STEP.matcher(log);
    while (step.find()) {
      String number = step.group(2);
      String name = step.group(3);
      String detail = step.group(4) == null ? "" : step.group(4).stripIndent().strip();
      boolean failed = step.group(1).equals("not ok");
      steps.add(DynamicTest.dynamicTest(name, () -> {
        if (failed) {
          fail("step %s of %s, '%s', failed:%n%s%n%nfull output of the flow:%n%s", number, SCRIPT, name, detail, log);
        }
      }));
    }
    assertThat(steps).as("steps reported by the flow; its output:%n%s", log).hasSize(Integer.parseInt(summary.group(3)));
    return steps.stream();
  }

  /** {@code ok 3 - name (12 ms)} or {@code not ok 3 - name}, each with indented detail lines. */
  private static final Pattern STEP = Pattern.compile("(?m)^(ok|not ok) (\\d+) - (.+?)(?: \\(\\d+ ms\\))?$((?:\\R {4}.*)*)");

  /** Runs {@code node script} in {@code dir} against {@code processor}, bounded in time; returns its output. */
  private static String runFlow(Path dir, String script, TestProcessor processor) throws IOException, InterruptedException {
    Path output = Files.createTempFile("node-sdk-flow", ".log");
    try {
      ProcessBuilder pb = new ProcessBuilder(List.of("node", script))
          .directory(dir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(output.toFile()); // a file, not a pipe: a chatty child can never block on us
      pb.environment().put("COMPTOIR_PROCESSOR_URL", processor.url());
      pb.environment().put("COMPTOIR_SECRET_KEY", processor.secretKey());
      pb.environment().put("COMPTOIR_PLATFORM_ACCOUNT_ID", processor.platformAccountId());
      pb.environment().put("STRIPE_SUPPRESS_NOTICES", "true");
      Process node;
      try {
        node = pb.start();
      } catch (IOException e) {
        throw new AssertionError("could not run 'node' (Node.js 20+ must be on PATH; ./comptoir test checks for it): " + e.getMessage(), e);
      }
      if (!node.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        node.descendants().forEach(ProcessHandle::destroyForcibly);
        node.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        fail("node %s did not finish within %d s; its output so far:%n%s", script, TIMEOUT_SECONDS, Files.readString(output));
      }
      String log = Files.readString(output, StandardCharsets.UTF_8);
      // 0: every step passed, 1: some step failed (reported per step); anything else is node failing
      if (node.exitValue() != 0 && node.exitValue() != 1) {
        fail("node %s exited with %d; its output:%n%s", script, node.exitValue(), log);
      }
      return log;
    } finally {
      Files.deleteIfExists(output);
    }
  }

  /** {@code e2e/node} of this checkout, found upwards from the working directory (Maven runs tests in {@code processor/}). */
  private static Path e2eNodeDir() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("e2e/node");
      if (Files.isRegularFile(candidate.resolve("account-flow.mjs"))) {
        return candidate;
      }
    }
    throw new AssertionError("e2e/node/account-flow.mjs not found above " + Path.of("").toAbsolutePath());
  }

  /** The SDK the lock file names must be installed: missing or stale means the flow would test something else. */
  private static void requireInstalledSdk(Path dir) throws IOException {
    ObjectMapper json = new ObjectMapper();
    String locked = json.readTree(dir.resolve("package-lock.json").toFile()).at("/packages/node_modules~1stripe/version").asText();
    Path installed = dir.resolve("node_modules/stripe/package.json");
    String hint = "run ./comptoir test, which installs it (or: npm ci --prefix e2e/node)";
    if (!Files.isRegularFile(installed)) {
      fail("The official Stripe Node SDK is not installed: %s is missing; %s", dir.resolve("node_modules"), hint);
    }
    String version = json.readTree(installed.toFile()).path("version").asText();
    if (!version.equals(locked)) {
      fail("e2e/node/node_modules has stripe %s but package-lock.json pins %s; %s", version, locked, hint);
    }
  }
}
