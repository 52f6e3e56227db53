package com.comptoir.processor.testing;

import com.comptoir.processor.Processor;
import com.comptoir.processor.ProcessorSettings;
import com.comptoir.processor.api.ApiExchange;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;

/**
 * One real processor for the whole test JVM: a real PostgreSQL (embedded), real HTTP on a free
 * port. Tests isolate themselves by creating their own connected accounts, as tenants do. Every
 * answered request is recorded so the conformance check can read every body the suite produced.
 */
public final class TestProcessor {
  private static TestProcessor instance;

  private final EmbeddedPostgres postgres;
  private final HikariDataSource dataSource;
  private final Processor processor;
  private final List<ApiExchange> exchanges = new CopyOnWriteArrayList<>();

  private TestProcessor() throws IOException {
    postgres = EmbeddedPostgres.builder().start();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
    config.setMaximumPoolSize(24);
    dataSource = new HikariDataSource(config);
    processor = Processor.start(new ProcessorSettings(dataSource, "127.0.0.1", 0, Optional.empty()).withListener(exchanges::add));
  }

  /** The shared processor, started on first use and stopped when the JVM exits. */
  public static synchronized TestProcessor get() {
    if (instance == null) {
      try {
        instance = new TestProcessor();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(instance::stop));
    }
    return instance;
  }

  /** Whether a test of this JVM has started the shared processor (without starting it). */
  public static synchronized boolean isStarted() {
    return instance != null;
  }

  public String url() {
    return "http://127.0.0.1:" + processor.port();
  }

  public int port() {
    return processor.port();
  }

  public String secretKey() {
    return processor.secretKey();
  }

  public String publishableKey() {
    return processor.publishableKey();
  }

  public String platformAccountId() {
    return processor.platformAccountId();
  }

  /** The processor's own database, for tests that look underneath (audits, crash checks). */
  public DataSource dataSource() {
    return dataSource;
  }

  /** Every request answered so far, in order. */
  public List<ApiExchange> exchanges() {
    return List.copyOf(exchanges);
  }

  public StripeHttp http() {
    return new StripeHttp(url(), secretKey());
  }

  private void stop() {
    processor.close();
    dataSource.close();
    try {
      postgres.close();
    } catch (IOException e) {
      // the JVM is exiting; the temporary cluster goes with it
    }
  }
}
