package com.comptoir.cli;

import com.comptoir.cli.demo.DemoWorld;
import com.comptoir.database.Folders;
import com.comptoir.platform.Platform;
import com.comptoir.platform.PlatformSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code comptoir demo [--rebuild]}: Comptoir on a data folder of its own ({@code data-demo/}, ports
 * 12112 and 8081, so it never touches what {@code comptoir start} keeps) with a world made through
 * the public interfaces ({@link DemoWorld}), and a guide to it. The world is made once; later runs
 * reuse it, {@code --rebuild} starts it afresh.
 */
final class DemoCommand {
  /** Written once the world is complete: its presence is what makes a later run reuse the world. */
  static final String WORLD_FILE = "demo-world";

  private DemoCommand() {}

  /** The running demo and its guide, printed instead of the launcher's banner. */
  record Started(Launch launch, String guide) {}

  static Started start(Map<String, String> environment, Path root, List<String> args) throws Exception {
    System.setProperty("java.awt.headless", "true"); // the demo draws its product pictures
    Map<String, String> env = new HashMap<>(environment);
    env.putIfAbsent("COMPTOIR_DATA_DIR", "data-demo");
    env.putIfAbsent("COMPTOIR_PROCESSOR_PORT", "12112");
    env.putIfAbsent("COMPTOIR_PLATFORM_PORT", "8081");
    // Known passwords, printed in the guide: the demo's world is test mode on this machine alone.
    env.putIfAbsent("COMPTOIR_OPERATOR_PASSWORD", "demo operator password");
    env.putIfAbsent("COMPTOIR_DASHBOARD_PASSWORD", "demo platform password");
    Settings settings = Settings.fromEnvironment(env, root);
    boolean rebuild = args.contains("--rebuild");
    for (String arg : args) {
      if (!arg.equals("--rebuild")) {
        throw new SettingsException("unknown option '" + arg + "' of demo; use --rebuild to make the world afresh");
      }
    }
    if (rebuild && Files.exists(settings.dataDir())) {
      // Started and stopped first: a data folder that another Comptoir is using is refused, not deleted.
      Launch.start(settings, Launch.Systems.BOTH).close();
      Folders.deleteRecursively(settings.dataDir());
    }
    Launch launch = Launch.start(settings, Launch.Systems.BOTH);
    try {
      Path world = settings.dataDir().resolve(WORLD_FILE);
      if (Files.exists(world)) {
        System.out.println("comptoir: the demo's world is already made (in " + settings.dataDir() + "); ./comptoir demo --rebuild makes it afresh");
      } else {
        long started = System.nanoTime();
        Map<String, String> accounts = DemoWorld.build(URI.create(launch.platform().publicUrl()), launch.processor().url(),
            launch.processor().secretKey(), new SignUpDesk(launch), step -> {
              System.out.println("demo: " + step);
              System.out.flush();
            });
        Files.writeString(world, String.join("\n", accounts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList()) + "\n");
        System.out.printf("demo: the world was made in %.1f s%n", (System.nanoTime() - started) / 1e9);
      }
      return new Started(launch, guide(launch, settings));
    } catch (Exception | Error e) {
      launch.close();
      throw e;
    }
  }

  /** A platform instance per account type, on the running platform's database and public address, for one sign-up at a time. */
  private static final class SignUpDesk implements DemoWorld.SignUpDesk {
    private final Launch launch;
    private Platform extra;

    SignUpDesk(Launch launch) {
      this.launch = launch;
    }

    @Override
    public URI open(PlatformSettings.AccountType type) {
      PlatformSettings s = launch.platformSettings();
      if (s.accountType().equals(Optional.of(type))
          || (s.accountType().isEmpty() && type == PlatformSettings.AccountType.STANDARD)) { // Stripe's default: Standard
        return URI.create(launch.platform().publicUrl());
      }
      // Same database, same public URL (so account links return, and webhooks keep going, to the running platform).
      extra = Platform.start(new PlatformSettings(s.dataSource(), s.host(), 0, s.stripeSecretKey(), s.stripeApiBase(),
          Optional.of(URI.create(launch.platform().publicUrl())), s.webhookSecrets(), Optional.of(type), s.fees(), s.mail(),
          s.operator(), s.reconcileInterval(), s.stripeDashboardUrl()));
      return URI.create("http://localhost:" + extra.port());
    }

    @Override
    public void close() {
      if (extra != null) {
        extra.close();
        extra = null;
      }
    }
  }

  private static String guide(Launch launch, Settings settings) throws IOException {
    String platform = launch.platform().publicUrl();
    String processor = launch.processor().url();
    String operatorPassword = settings.operatorPassword().orElseThrow();
    String dashboardPassword = settings.dashboardPassword().orElseThrow();
    return """

        Comptoir's demo is running (data in %s; test mode, no real money).

        Storefronts (buy something: card 4242 4242 4242 4242, any future date, any CVC;
                     SEPA Direct Debit IBAN DE89370400440532013000, or FR1420041010050500013M02606):
          %s/s/maison-lumiere      Maison Lumière, Paris      Standard account, EUR
          %s/s/tulpen-en-co        Tulpen en Co, Amsterdam    Express account, EUR (iDEAL first for Dutch browsers)
          %s/s/mission-roasters    Mission Roasters, SF       Custom account, USD

        Merchants sign in at %s/login with the password "%s":
          camille@maison-lumiere.example, sanne@tulpen.example, jordan@mission-roasters.example
          (orders paid by card, iDEAL and SEPA, one SEPA still processing, one failed, one refunded in part, disputed ones;
           Payouts shows payouts paid and one on its way)
        A new merchant: %s/signup, then Stripe's hosted onboarding (phone 000 000 0000, code 000000).

        Operator area:         %s/operator as %s, password %s
        Platform's Dashboard:  %s/dashboard/login as %s, password %s
        A business's Dashboard: Standard (Maison Lumière) at %s/dashboard/login as camille@maison-lumiere.example,
                               password "%s"; Express (Tulpen en Co) from the platform's Payouts page;
                               Custom (Mission Roasters) has the platform's pages only, as Stripe has it.

        Move time (payouts, SEPA settlement): the platform's Dashboard, Developers → Test clock, or
          curl %s/v1/test_helpers/clock/advance -u "$(cat %s):" -d seconds=86400

        Stop with Ctrl-C; ./comptoir demo again comes back to this world, ./comptoir demo --rebuild makes it afresh.""".formatted(
        settings.dataDir(), platform, platform, platform, platform, com.comptoir.cli.demo.DemoWorld.MERCHANT_PASSWORD, platform,
        platform, launch.operatorEmail(), operatorPassword, processor, launch.dashboardEmail(), dashboardPassword, processor,
        com.comptoir.cli.demo.DemoWorld.DASHBOARD_PASSWORD, processor, settings.dataDir().resolve("processor-secret-key"));
  }
}
