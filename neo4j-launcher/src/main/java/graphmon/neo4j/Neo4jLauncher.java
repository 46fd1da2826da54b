package graphmon.neo4j;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.neo4j.cli.AdminTool;
import org.neo4j.cli.ExecutionContext;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;
import org.neo4j.logging.log4j.Log4jLogProvider;

/**
 * Local Neo4j Community server for graphmon development and tests: embedded Neo4j with only
 * the Bolt connector, on one data directory. Started by scripts/neo4j-local.
 *
 * <pre>
 * java -Xmx1g -jar graphmon-neo4j.jar --home DIR [--host 127.0.0.1] [--port 7687]
 *      [--password-env VAR] [--pagecache-mb 256]
 *      [--import-dir FILES --import-log FILE --import-report FILE] [--schema FILE]
 * </pre>
 *
 * With --import-dir, Neo4j's offline importer ({@code neo4j-admin database import full}, the
 * same code, run in this JVM) first replaces the {@code neo4j} database with the files of
 * {@code graphmon ingest --import-files FILES}, its arguments read from FILES/import.args. With
 * --schema, the Cypher statements of FILE (each ended by ";" at the end of a line; "//" comment
 * lines skipped) run on the {@code neo4j} database before Bolt opens, and their indexes are
 * online when "ready" is printed. One JVM for the import, the start and the schema saves a
 * second JVM start and warms the code the server runs next.
 *
 * Without --password-env, auth is off. With it, auth is on and the user "neo4j" gets the
 * password held in environment variable VAR (read here, never printed), with no forced change.
 * Prints "graphmon-neo4j ready: bolt://HOST:PORT ..." once Bolt accepts connections;
 * SIGTERM (or Ctrl-C) shuts the database down cleanly.
 */
public final class Neo4jLauncher {

    private static volatile DatabaseManagementService dbms;

    /** Exit status of a failed import (the JVM itself exits with 3 on -XX:+ExitOnOutOfMemoryError). */
    static final int IMPORT_FAILED = 65;

    private static void usage(String error) {
        System.err.println("graphmon-neo4j: " + error);
        System.err.println("usage: java -jar graphmon-neo4j.jar --home DIR [--host H] [--port N]"
                + " [--password-env VAR] [--pagecache-mb N]"
                + " [--import-dir FILES --import-log FILE --import-report FILE] [--schema FILE]");
        System.exit(2);
    }

    public static void main(String[] args) throws Exception {
        Path home = null;
        String host = "127.0.0.1";
        int port = 7687;
        String passwordEnv = null;
        long pagecacheMb = 256;
        Path importDir = null;
        Path importLog = null;
        Path importReport = null;
        Path schema = null;
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
                case "--import-dir" -> importDir = Path.of(val).toAbsolutePath();
                case "--import-log" -> importLog = Path.of(val).toAbsolutePath();
                case "--import-report" -> importReport = Path.of(val).toAbsolutePath();
                case "--schema" -> schema = Path.of(val).toAbsolutePath();
                default -> usage("unknown option " + opt);
            }
        }
        if (home == null) usage("--home is required");
        if (importDir != null && (importLog == null || importReport == null))
            usage("--import-dir needs --import-log and --import-report");
        // The importer splits its file lists at commas, so a folder with one in its path cannot be named.
        if (importDir != null && importDir.toString().contains(","))
            usage("the import folder's path holds a comma, which the importer cannot take: move or rename it");

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

        // Read before the import replaces the database, so an unreadable file changes nothing.
        List<String> schemaStatements = schema == null ? List.of() : statements(schema);
        restoreAfterInterruptedImport(home);
        if (importDir != null) importFiles(home, importDir, importLog, importReport);

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
            // Before "ready": whoever waits for it finds the constraints online.
            if (!schemaStatements.isEmpty())
                createSchema(dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME), schemaStatements);
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

    /**
     * Runs the offline importer on the files of {@code graphmon ingest --import-files DIR}
     * (arguments in DIR/import.args, file names relative to DIR), replacing the neo4j database
     * of HOME; its output goes to LOG. The database it replaces is moved aside first
     * ({@code <name>.before-import}) and put back when the import fails; a first import that
     * fails leaves no database behind. Should the JVM die meanwhile, the next start puts the
     * database back ({@link #restoreAfterInterruptedImport}). Exits with IMPORT_FAILED when the
     * import fails.
     */
    private static void importFiles(Path home, Path dir, Path log, Path report) throws IOException {
        for (Path store : stores(home)) {
            if (Files.exists(store)) Files.move(store, aside(store));
        }
        boolean imported = false;
        try {
            imported = runImporter(home, dir, log, report);
        } finally {
            if (imported) {
                Files.createFile(committed(home)); // from here on the import is the database
                for (Path store : stores(home)) discard(aside(store));
                Files.delete(committed(home));
            } else {
                for (Path store : stores(home)) {
                    discard(store);
                    if (Files.exists(aside(store))) Files.move(aside(store), store);
                }
            }
        }
        if (!imported) {
            System.out.println("graphmon-neo4j: import failed, see " + log + "; the database is as it was");
            System.exit(IMPORT_FAILED);
        }
    }

    /** The folders of the neo4j database: its store and its transaction logs. */
    private static List<Path> stores(Path home) {
        String name = GraphDatabaseSettings.DEFAULT_DATABASE_NAME;
        return List.of(home.resolve("data/databases").resolve(name), home.resolve("data/transactions").resolve(name));
    }

    private static Path aside(Path store) {
        return store.resolveSibling(store.getFileName() + ".before-import");
    }

    /** Present while the replaced database of a successful import is being deleted. */
    private static Path committed(Path home) {
        return home.resolve("data/graphmon-import.committed");
    }

    /**
     * After an import whose JVM died (killed, out of memory) with the replaced database still
     * moved aside: put that database back in place of the partial import, before anything else.
     */
    private static void restoreAfterInterruptedImport(Path home) throws IOException {
        boolean done = Files.exists(committed(home)); // the import had succeeded: finish deleting the old one
        for (Path store : stores(home)) {
            Path aside = aside(store);
            if (done) {
                discard(aside);
            } else if (Files.exists(aside)) {
                discard(store);
                Files.move(aside, store);
                System.out.println("graphmon-neo4j: put back " + store + " (an import was interrupted)");
            }
            discard(store.resolveSibling(store.getFileName() + ".discarded"));
            discard(aside.resolveSibling(aside.getFileName() + ".discarded"));
        }
        Files.deleteIfExists(committed(home));
    }

    /** Deletes a folder tree, first renamed so that a deletion cut short is never taken for a database. */
    private static void discard(Path root) throws IOException {
        if (!Files.exists(root)) return;
        Path doomed = root.getFileName().toString().endsWith(".discarded") ? root
                : root.resolveSibling(root.getFileName() + ".discarded");
        if (!doomed.equals(root)) {
            deleteTree(doomed);
            Files.move(root, doomed);
        }
        deleteTree(doomed);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(path);
        }
    }

    /** The importer itself; true when it succeeded. */
    private static boolean runImporter(Path home, Path dir, Path log, Path report) throws IOException {
        List<String> args = new ArrayList<>(List.of("database", "import", "full", "--verbose", "--overwrite-destination",
                "--report-file=" + report));
        for (String arg : Files.readAllLines(dir.resolve("import.args"), StandardCharsets.UTF_8)) {
            if (!arg.isBlank()) args.add(resolveFiles(dir, arg.strip()));
        }
        args.add(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        int code;
        long started = System.nanoTime();
        try (PrintStream out = new PrintStream(Files.newOutputStream(log), true, StandardCharsets.UTF_8);
             var fs = new DefaultFileSystemAbstraction()) {
            code = AdminTool.execute(new ExecutionContext(home, home.resolve("conf"), out, out, fs),
                    args.toArray(String[]::new));
        }
        if (code != 0) {
            System.out.println("graphmon-neo4j: the importer failed (exit code " + code + ")");
            return false;
        }
        System.out.printf(Locale.ROOT, "graphmon-neo4j imported %s in %.1f s%n", dir, (System.nanoTime() - started) / 1e9);
        return true;
    }

    /** "--nodes=Label=a.csv,b.csv" with each file made absolute against DIR; other options as they are. */
    static String resolveFiles(Path dir, String arg) {
        if (!arg.startsWith("--nodes=") && !arg.startsWith("--relationships=")) return arg;
        int files = arg.lastIndexOf('=') + 1;
        String[] names = arg.substring(files).split(",");
        return arg.substring(0, files) + String.join(",",
                Arrays.stream(names).map(name -> dir.resolve(name).toString()).toList());
    }

    /** The statements of a schema file: each ended by ";" at the end of a line, "//" comment lines skipped. */
    static List<String> statements(Path file) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.stripLeading().startsWith("//")) text.append(line).append('\n');
        }
        List<String> result = new ArrayList<>();
        for (String part : text.toString().split(";\\s*\n")) {
            if (!part.isBlank()) result.add(part.strip());
        }
        return result;
    }

    /** Creates the schema (idempotent statements) and waits until every index is online. */
    private static void createSchema(GraphDatabaseService db, List<String> statements) {
        System.out.println("graphmon-neo4j creating the schema");
        long started = System.nanoTime();
        for (String statement : statements) db.executeTransactionally(statement);
        db.executeTransactionally("CALL db.awaitIndexes(3600)");
        System.out.printf(Locale.ROOT, "graphmon-neo4j schema: %d statements, indexes online in %.1f s%n",
                statements.size(), (System.nanoTime() - started) / 1e9);
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
