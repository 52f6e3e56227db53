package com.comptoir.bench;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A DataSource that counts and times every database call the processor makes — pool checkouts,
 * statement executions (by SQL), commits, rollbacks, connection resets — without touching
 * processor code: the benchmark hands this to {@code Processor.start} instead of the bare pool.
 * Only used with {@code --profile}, and only switched on for a run of its own: the proxies cost.
 */
final class JdbcTimer implements DataSource {
  private static final Set<String> STATEMENT_FACTORIES = Set.of("prepareStatement", "createStatement", "prepareCall");
  private static final Set<String> EXECUTIONS = Set.of("execute", "executeQuery", "executeUpdate", "executeBatch", "executeLargeUpdate");
  /** Connection methods that are local bookkeeping, not worth a line. */
  private static final Set<String> UNTIMED = Set.of("unwrap", "isWrapperFor", "getMetaData", "toString", "hashCode", "equals",
      "getAutoCommit", "isReadOnly", "getTransactionIsolation", "isClosed", "getWarnings", "clearWarnings", "getCatalog", "getSchema");

  private final DataSource delegate;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  /** While off, connections are handed out bare: no proxy, no overhead. */
  private volatile boolean enabled;

  private static final class Counter {
    final LongAdder calls = new LongAdder();
    final LongAdder nanos = new LongAdder();
  }

  /** One line of the account: what, how often per request, how long on average. */
  record Line(String what, double perRequest, double meanMicros, double msPerRequest) {}

  JdbcTimer(DataSource delegate) {
    this.delegate = delegate;
  }

  /** Starts counting afresh. */
  void start() {
    counters.clear();
    enabled = true;
  }

  void stop() {
    enabled = false;
  }

  List<Line> perRequest(long requests) {
    List<Line> lines = new ArrayList<>();
    counters.forEach((what, c) -> {
      long calls = c.calls.sum();
      long nanos = c.nanos.sum();
      if (calls > 0) {
        lines.add(new Line(what, (double) calls / requests, nanos / 1e3 / calls, nanos / 1e6 / requests));
      }
    });
    lines.sort(Comparator.comparingDouble(Line::msPerRequest).reversed());
    return lines;
  }

  static String markdown(List<Line> lines) {
    StringBuilder out = new StringBuilder("| database call | calls/request | mean µs | wall ms/request |\n|---|--:|--:|--:|\n");
    for (Line l : lines) {
      if (l.perRequest() < 0.005) {
        continue; // the clock's once-a-second refresh and the like
      }
      out.append(String.format(Locale.ROOT, "| %s | %.2f | %.0f | %.3f |%n", l.what().replace("|", "\\|"), l.perRequest(), l.meanMicros(), l.msPerRequest()));
    }
    return out.toString();
  }

  private void record(String what, long startNanos) {
    Counter c = counters.computeIfAbsent(what, k -> new Counter());
    c.calls.increment();
    c.nanos.add(System.nanoTime() - startNanos);
  }

  @Override
  public Connection getConnection() throws SQLException {
    long start = System.nanoTime();
    Connection c = delegate.getConnection();
    if (!enabled) {
      return c;
    }
    record("pool: getConnection", start);
    return wrap(c);
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    long start = System.nanoTime();
    Connection c = delegate.getConnection(username, password);
    if (!enabled) {
      return c;
    }
    record("pool: getConnection", start);
    return wrap(c);
  }

  private Connection wrap(Connection connection) {
    InvocationHandler handler = (proxy, method, args) -> {
      String name = method.getName();
      long start = System.nanoTime();
      Object result = invoke(connection, method, args);
      if (STATEMENT_FACTORIES.contains(name) && result instanceof Statement s) {
        String sql = args != null && args.length > 0 && args[0] instanceof String q ? q : null;
        return wrap(s, sql);
      }
      if (!UNTIMED.contains(name)) {
        record("connection: " + name + (args != null && args.length == 1 && args[0] instanceof Boolean b ? "(" + b + ")" : ""), start);
      }
      return result;
    };
    return (Connection) Proxy.newProxyInstance(JdbcTimer.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
  }

  private Statement wrap(Statement statement, String sql) {
    Class<?> type = statement instanceof CallableStatement ? CallableStatement.class
        : statement instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
    InvocationHandler handler = (proxy, method, args) -> {
      if (!EXECUTIONS.contains(method.getName())) {
        return invoke(statement, method, args);
      }
      long start = System.nanoTime();
      Object result = invoke(statement, method, args);
      String text = sql != null ? sql : args != null && args.length > 0 && args[0] instanceof String q ? q : "?";
      record("execute: " + shorten(text), start);
      return result;
    };
    return (Statement) Proxy.newProxyInstance(JdbcTimer.class.getClassLoader(), new Class<?>[] {type}, handler);
  }

  private static String shorten(String sql) {
    String flat = sql.replaceAll("\\s+", " ").strip();
    return flat.length() > 110 ? flat.substring(0, 107) + "..." : flat;
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return delegate.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    delegate.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    delegate.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return delegate.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return delegate.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return iface.isInstance(this) ? iface.cast(this) : delegate.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || delegate.isWrapperFor(iface);
  }
}
