package io.coinlake.embedded;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * An Iceberg REST catalog server on 127.0.0.1 over the lake's JDBC catalog, run as a child JVM
 * (the {@code restcatalog} module's jars): the catalog kind DuckDB's ATTACH and Trino take. It keeps
 * the tables where the JDBC catalog has them, so switching COINLAKE_CATALOG_TYPE keeps the lake.
 */
public final class EmbeddedRestCatalog extends ChildService {
    private static final String MAIN = "io.coinlake.restcatalog.RestCatalogServer";

    private final Path directory;
    private final int port;
    private final String classpath;
    private final String catalogName;
    private final Map<String, String> jdbcCatalog;

    /**
     * @param classpath   the restcatalog module's jars
     * @param catalogName the name the JDBC catalog keeps the tables under
     * @param jdbcCatalog the JDBC catalog's Iceberg properties, secrets included (they go to a file only its owner reads)
     */
    public EmbeddedRestCatalog(Path home, int port, String classpath, String catalogName, Map<String, String> jdbcCatalog) {
        super(home, "rest-catalog", "REST catalog server", home.resolve("catalog").resolve("rest-catalog.properties").toString());
        this.directory = home.resolve("catalog");
        this.port = port;
        this.classpath = classpath;
        this.catalogName = catalogName;
        this.jdbcCatalog = Map.copyOf(jdbcCatalog);
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public String address() {
        return url();
    }

    @Override
    protected void checkPortsFree() throws IOException {
        if (portInUse(port)) {
            throw portTaken(port, "COINLAKE_REST_CATALOG_PORT");
        }
    }

    @Override
    protected void prepare(Consumer<String> progress) throws IOException {
        // SQLite creates the database file but not its directory.
        Files.createDirectories(directory);
        Properties properties = new Properties();
        properties.putAll(jdbcCatalog);
        properties.put("coinlake.rest.host", "127.0.0.1");
        properties.put("coinlake.rest.port", Integer.toString(port));
        properties.put("coinlake.catalog.name", catalogName);
        StringWriter text = new StringWriter();
        properties.store(text, "Written by coinlake on every start: change the settings, not this file.");
        writePrivately(properties(), text.toString());
    }

    @Override
    protected List<String> command() {
        // The servlet logs every error answer as an ERROR with a stack trace, the 404s included that
        // Spark asks for on each write to a branch (it tries "table.branch_x" as a table first). The
        // client gets each error in the answer and reports the real ones.
        return java(List.of("-Xms64m", "-Xmx512m", "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.log.org.apache.iceberg=warn",
                "-Dorg.slf4j.simpleLogger.log.org.apache.iceberg.rest.RESTCatalogServlet=off"), classpath, MAIN,
                properties().toString());
    }

    @Override
    protected boolean ready() {
        return isServing(url());
    }

    @Override
    protected Duration stopGrace() {
        return Duration.ofSeconds(15);
    }

    private Path properties() {
        return directory.resolve("rest-catalog.properties");
    }

    /** Whether an Iceberg REST catalog answers at {@code url}: its config endpoint says 200. */
    public static boolean isServing(String url) {
        return httpStatus(url + "/v1/config", Duration.ofSeconds(5)) == 200;
    }
}
