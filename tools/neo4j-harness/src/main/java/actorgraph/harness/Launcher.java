package actorgraph.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilder;
import org.neo4j.harness.Neo4jBuilders;
import org.neo4j.io.ByteUnit;

/**
 * Runs an in-process Neo4j Community server (Bolt only, auth enabled) for actorgraph tests.
 *
 * <p>Usage: {@code java -jar neo4j-harness-launcher.jar --password P [--port N] [--data-dir DIR]
 * [--page-cache-mb M] [--ignore-stdin]}. Prints {@code READY bolt://127.0.0.1:PORT} once Bolt
 * accepts connections; shuts down cleanly on SIGTERM/SIGINT or when stdin reaches EOF.
 *
 * <p>Without {@code --data-dir} the store lives in a temp dir that is deleted on shutdown. Neo4j's harness
 * also leaves a small {@code log4j-*.xml} in {@code java.io.tmpdir} per start, so point
 * {@code -Djava.io.tmpdir} at a disposable directory (the Python wrapper does).
 */
public final class Launcher {
    private static final String HOST = "127.0.0.1";
    private static final String USER = "neo4j";
    private static final long BOLT_WAIT_MILLIS = 30_000;
    private static final String USAGE = "usage: Launcher --password P [--port N] [--data-dir DIR]"
            + " [--page-cache-mb M] [--ignore-stdin]";

    /** Parsed command line. A null dataDir means a throw-away store in a temp directory. */
    record Options(int port, String password, Path dataDir, long pageCacheMb, boolean watchStdin) {
        static Options parse(String[] args) {
            int port = 7687;
            String password = null;
            Path dataDir = null;
            long pageCacheMb = 128;
            boolean watchStdin = true;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--port" -> port = Integer.parseInt(value(args, ++i));
                    case "--password" -> password = value(args, ++i);
                    case "--data-dir" -> dataDir = Path.of(value(args, ++i)).toAbsolutePath();
                    case "--page-cache-mb" -> pageCacheMb = Long.parseLong(value(args, ++i));
                    case "--ignore-stdin" -> watchStdin = false;
                    default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
                }
            }
            if (password == null || password.isEmpty()) {
                throw new IllegalArgumentException("--password is required");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("--port out of range: " + port);
            }
            return new Options(port, password, dataDir, pageCacheMb, watchStdin);
        }

        private static String value(String[] args, int i) {
            if (i >= args.length) {
                throw new IllegalArgumentException("missing value for " + args[i - 1]);
            }
            return args[i];
        }
    }

    private final Options options;
    private final Path workDir;
    private Neo4j neo4j;
    private boolean stopped;

    private Launcher(Options options, Path workDir) {
        this.options = options;
        this.workDir = workDir;
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        Launcher launcher = new Launcher(options, Files.createTempDirectory("actorgraph-neo4j-"));
        Runtime.getRuntime().addShutdownHook(new Thread(launcher::stop, "neo4j-harness-shutdown"));
        try {
            launcher.start();
        } catch (Throwable t) {
            t.printStackTrace();
            System.err.println("FAILED to start Neo4j: " + rootCause(t));
            System.exit(1);
        }
        System.out.println("READY bolt://" + HOST + ":" + options.port());
        System.out.flush();
        launcher.awaitExitRequest();
        System.exit(0);
    }

    private static String rootCause(Throwable t) {
        Throwable cause = t;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.toString();
    }

    /** Builds and starts the server, sets the password and waits until Bolt accepts connections. */
    private synchronized void start() throws InterruptedException {
        if (stopped) {
            throw new IllegalStateException("shutdown requested during startup");
        }
        neo4j = builder().build();
        setPassword();
        waitForBolt();
    }

    private Neo4jBuilder builder() {
        SocketAddress bolt = new SocketAddress(HOST, options.port());
        Neo4jBuilder builder = Neo4jBuilders.newInProcessBuilder(workDir)
                .withDisabledServer() // no HTTP/HTTPS, Bolt only
                .withConfig(BoltConnector.enabled, true)
                .withConfig(BoltConnector.listen_address, bolt)
                .withConfig(BoltConnector.advertised_address, bolt)
                .withConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .withConfig(GraphDatabaseSettings.auth_enabled, true)
                .withConfig(GraphDatabaseSettings.auth_minimum_password_length, 1)
                .withConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(options.pageCacheMb()))
                // Netty's default graceful-shutdown quiet period makes every stop take ~10 s.
                .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(5));
        if (options.dataDir() != null) {
            builder.withConfig(GraphDatabaseSettings.data_directory, options.dataDir());
        }
        return builder;
    }

    /** Sets the neo4j user's password through the system database so no change is forced. */
    private void setPassword() {
        try {
            neo4j.databaseManagementService()
                    .database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME)
                    .executeTransactionally(
                            "ALTER USER " + USER + " SET PASSWORD $password CHANGE NOT REQUIRED",
                            Map.of("password", options.password()));
        } catch (RuntimeException e) {
            // A persisted store may already hold this exact password; Neo4j refuses to "change" it.
            if (!String.valueOf(e.getMessage()).contains("Old password and new password cannot be the same")) {
                throw e;
            }
        }
    }

    private void waitForBolt() throws InterruptedException {
        long deadline = System.currentTimeMillis() + BOLT_WAIT_MILLIS;
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(HOST, options.port()), 1000);
                return;
            } catch (IOException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("Bolt did not accept connections on port " + options.port(), e);
                }
                Thread.sleep(100);
            }
        }
    }

    /** Blocks until stdin reaches EOF (if watched) or forever (signals end the process). */
    private void awaitExitRequest() throws InterruptedException {
        if (!options.watchStdin()) {
            new CountDownLatch(1).await();
        }
        try (InputStream in = System.in) {
            while (in.read() != -1) {
                // discard input; only EOF matters
            }
        } catch (IOException e) {
            System.err.println("stdin closed with error: " + e);
        }
    }

    /** Shuts Neo4j down and removes the temporary working directory; idempotent. */
    private synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        long begin = System.nanoTime();
        try {
            if (neo4j != null) {
                neo4j.close();
                System.err.printf("Neo4j stopped in %d ms%n", (System.nanoTime() - begin) / 1_000_000);
            }
        } catch (RuntimeException e) {
            System.err.println("error during shutdown: " + e);
        } finally {
            deleteRecursively(workDir);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(Launcher::deleteQuietly);
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not delete " + dir + ": " + e);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            System.err.println("could not delete " + path + ": " + e);
        }
    }
}
