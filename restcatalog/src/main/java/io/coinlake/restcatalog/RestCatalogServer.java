package io.coinlake.restcatalog;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.rest.RESTCatalogAdapter;
import org.apache.iceberg.rest.RESTCatalogServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * An Iceberg REST catalog on one address, serving the lake's JDBC catalog: Iceberg's own REST
 * adapter and servlet in Jetty. Its one argument is a properties file: the JDBC catalog's
 * properties, plus {@value #HOST}, {@value #PORT} and {@value #NAME}, the name the JDBC catalog
 * keeps its tables under (the same as the Spark jobs', so both ways reach the same tables).
 */
public final class RestCatalogServer {
    static final String HOST = "coinlake.rest.host";
    static final String PORT = "coinlake.rest.port";
    static final String NAME = "coinlake.catalog.name";

    private RestCatalogServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: RestCatalogServer <properties file>");
            System.exit(2);
        }
        Map<String, String> properties = read(Path.of(args[0]));
        String host = required(properties, HOST);
        int port = Integer.parseInt(required(properties, PORT));
        String name = required(properties, NAME);

        Catalog catalog = CatalogUtil.loadCatalog(JdbcCatalog.class.getName(), name, properties, null);
        RESTCatalogAdapter adapter = new RESTCatalogAdapter(catalog);
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new RESTCatalogServlet(adapter)), "/*");
        server.setHandler(context);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.stop();
                adapter.close();
            } catch (Exception e) {
                System.err.println("coinlake rest catalog: stopping: " + e);
            }
        }, "stop"));
        server.start();
        System.err.println("coinlake rest catalog: serving catalog '" + name + "' (" + properties.get("uri") + ", warehouse "
                + properties.get("warehouse") + ") at http://" + host + ":" + port);
        server.join();
    }

    private static Map<String, String> read(Path file) throws IOException {
        Properties loaded = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            loaded.load(reader);
        }
        Map<String, String> properties = new TreeMap<>();
        loaded.stringPropertyNames().forEach(key -> properties.put(key, loaded.getProperty(key)));
        return properties;
    }

    /** Removes a server setting from the catalog's properties and returns it. */
    private static String required(Map<String, String> properties, String key) {
        String value = properties.remove(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("The REST catalog's properties have no " + key);
        }
        return value;
    }
}
