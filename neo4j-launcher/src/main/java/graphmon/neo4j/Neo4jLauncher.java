package graphmon.neo4j;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Map;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;
import org.neo4j.logging.log4j.Log4jLogProvider;

/**
 * Local Neo4j Community server for graphmon development and tests: embedded Neo4j with only
 * the Bolt connector, on one data directory. Started by scripts/neo4j-local.
 *
 * <pre>
 * java -Xmx1g -jar graphmon-neo4j.jar --home DIR [--host 127.0.0.1] [--port 7687]
 *      [--password-env VAR] [--pagecache-mb 256]
 * </pre>
 *
 * Without --password-env, auth is off. With it, auth is on and the user "neo4j" gets the
 * password held in environment variable VAR (read here, never printed), with no forced change.
 * Prints "graphmon-neo4j ready: bolt://HOST:PORT ..." once Bolt accepts connections;
 * SIGTERM (or Ctrl-C) shuts the database down cleanly.
 */
public final class Neo4jLauncher {

    private static volatile DatabaseManagementService dbms;

    private static void usage(String error) {
        System.err.println("graphmon-neo4j: " + error);
        System.err.println("usage: java -jar graphmon-neo4j.jar --home DIR [--host H] [--port N]"
                + " [--password-env VAR] [--pagecache-mb N]");
        System.exit(2);
    }

    public static void main(String[] args) throws Exception {
        Path home = null;
        String host = "127.0.0.1";
        int port = 7687;
        String passwordEnv = null;
        long pagecacheMb = 256;
        for (int i = 0; i < args.length; i++) {
            String opt = args[i];
            if (i + 1 >= args.length) usage("missing value for " + opt);
            String val = args[++i];
            switch (opt) {
                case "--home" -> home = Path.of(val).toAbsolutePath();
                case "--host" -> host = val;
                case "--port" -> port = Integer.parseInt(val);
                case "--password-env" -> passwordEnv = val;
                case "--pagecache-mb" -> pagecacheMb = Long.parseLong(val);
                default -> usage("unknown option " + opt);
            }
        }
        if (home == null) usage("--home is required");

        String password = null;
        if (passwordEnv != null) {
            password = System.getenv(passwordEnv);
            if (password == null || password.isEmpty()) usage("environment variable " + passwordEnv + " is empty");
            // Neo4j's default minimum; checked here so a short password fails before startup.
            if (password.length() < 8) usage("the password in " + passwordEnv + " must have at least 8 characters");
        }

        // Clean shutdown on SIGTERM/SIGINT or System.exit (also when startup fails half-way).
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (dbms != null) {
                System.out.println("graphmon-neo4j: shutting down");
                dbms.shutdown();
                System.out.println("graphmon-neo4j: stopped");
            }
        }, "graphmon-neo4j-shutdown"));

        try {
            dbms = new DatabaseManagementServiceBuilder(home)
                    // Bolt only, plain (unencrypted) connections, on the given address.
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
                    .setConfig(BoltConnector.advertised_address, new SocketAddress(host, port))
                    .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                    .setConfig(HttpConnector.enabled, false)
                    .setConfig(HttpsConnector.enabled, false)
                    // No routing connector (:7688) for a single local instance; no usage reports.
                    .setConfig(GraphDatabaseSettings.routing_enabled, false)
                    .setConfig(GraphDatabaseSettings.udc_enabled, false)
                    // Sized for a small test machine; the heap is set with -Xmx on the java command line.
                    .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pagecacheMb))
                    // Grow transaction logs as needed instead of reserving 256 MB files up front.
                    .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                    // Stop in ~1 s: Bolt's event loops otherwise idle 5 s each on shutdown (internal setting).
                    .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                    .setConfig(GraphDatabaseSettings.auth_enabled, password != null)
                    // Neo4j's user log (startup/shutdown messages) to stdout; debug.log goes to HOME/logs.
                    .setUserLogProvider(new Log4jLogProvider(System.out))
                    .build();
            var system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
            if (password != null) {
                // Set the password without a forced change (~3 s: first Cypher admin command). On a
                // restart with the same password Neo4j refuses with "Old password and new password
                // cannot be the same.", i.e. it is already set.
                try {
                    system.executeTransactionally("ALTER USER neo4j SET PLAINTEXT PASSWORD $pw CHANGE NOT REQUIRED",
                            Map.of("pw", password));
                } catch (RuntimeException e) {
                    if (!String.valueOf(e.getMessage()).contains("cannot be the same")) throw e;
                }
            }
            // Bolt is started by build(); confirm it really accepts connections before saying so.
            waitForPort("0.0.0.0".equals(host) ? "127.0.0.1" : host, port);
            String version = system.executeTransactionally(
                    "CALL dbms.components() YIELD versions RETURN versions[0] AS v", Map.of(),
                    r -> String.valueOf(r.next().get("v")));
            System.out.printf("graphmon-neo4j ready: bolt://%s:%d (Neo4j %s, auth %s, data %s)%n",
                    host, port, version, password != null ? "on" : "off", home);
        } catch (Throwable e) { // includes LinkageError when the Add-Opens are missing
            e.printStackTrace();
            System.exit(1); // runs the shutdown hook
        }
        Thread.currentThread().join(); // serve until SIGTERM; the JVM then runs the shutdown hook
    }

    /** Waits up to 60 s until a TCP connection to host:port succeeds. */
    private static void waitForPort(String host, int port) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host, port), 1000);
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("Bolt is not accepting connections on " + host + ":" + port);
    }
}
