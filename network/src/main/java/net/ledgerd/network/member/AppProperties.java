package net.ledgerd.network.member;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import net.ledgerd.network.Endpoint;
import net.ledgerd.network.OperatorError;
import net.ledgerd.network.SafeFiles;

/**
 * The app's config file, {@code app.properties} in the member's home: the key=value file that
 * {@code ledgerd-app start --config FILE} reads (keys as in the app's AppConfig). Environment variables
 * LEDGERD_&lt;KEY&gt; and the app's flags override it.
 */
public record AppProperties(
        Endpoint abciAddress, Endpoint httpAddress, String mongodbUri, String mongodbDatabase, String tendermintRpc) {
    public static final String FILE_NAME = "app.properties";
    public static final String DEFAULT_ABCI = "127.0.0.1:26658";
    public static final String DEFAULT_HTTP = "0.0.0.0:9984";
    public static final String DEFAULT_MONGODB_URI = "mongodb://127.0.0.1:27017";
    public static final String DEFAULT_DATABASE = "bigchain";
    public static final String DEFAULT_TENDERMINT_RPC = "http://127.0.0.1:26657";

    public AppProperties {
        if (!mongodbUri.startsWith("mongodb://") && !mongodbUri.startsWith("mongodb+srv://")) {
            throw new OperatorError(
                    "MongoDB URI must start with mongodb:// or mongodb+srv://, got '" + mongodbUri + "'");
        }
        if (mongodbDatabase.isEmpty() || mongodbDatabase.matches(".*[/\\\\. \"$].*")) {
            throw new OperatorError(
                    "MongoDB database name must be non-empty without / \\ . space \" $, got '" + mongodbDatabase + "'");
        }
        if (!tendermintRpc.startsWith("http://") && !tendermintRpc.startsWith("https://")) {
            throw new OperatorError("Tendermint RPC URL must start with http://, got '" + tendermintRpc + "'");
        }
    }

    public static AppProperties defaults() {
        return new AppProperties(
                Endpoint.parse(DEFAULT_ABCI, "abci address"),
                Endpoint.parse(DEFAULT_HTTP, "http address"),
                DEFAULT_MONGODB_URI,
                DEFAULT_DATABASE,
                DEFAULT_TENDERMINT_RPC);
    }

    public AppProperties withTendermintRpc(String url) {
        return new AppProperties(abciAddress, httpAddress, mongodbUri, mongodbDatabase, url);
    }

    /** Tendermint's proxy_app for reaching this app over a socket. */
    public String proxyApp() {
        return abciAddress.forLocalClient().tcp();
    }

    public String render() {
        return """
                # ledgerd app configuration, written by `ledgerd-network member init` (tendermint.rpc by `member configure`).
                # Start the app with: java -jar ledgerd-app.jar start --config <this file>
                # Environment variables LEDGERD_<KEY> (upper case, dots as underscores, e.g. LEDGERD_MONGODB_URI)
                # override these values, and the start command's flags override both.

                # Where the app listens for Tendermint's ABCI connections (Tendermint's proxy_app points here).
                abci.address=%s
                # ABCI transport: socket, or grpc (must match Tendermint's abci setting).
                abci.transport=socket
                # This member's own MongoDB, holding its copy of the state.
                mongodb.uri=%s
                mongodb.database=%s
                # The BigchainDB-compatible HTTP API.
                http.address=%s
                # This member's Tendermint RPC, where transactions posted to the HTTP API are broadcast.
                tendermint.rpc=%s
                """.formatted(abciAddress, mongodbUri, mongodbDatabase, httpAddress, tendermintRpc);
    }

    public void write(Path file) {
        SafeFiles.write(file, render(), SafeFiles.PUBLIC);
    }

    /** Reads the file, accepting any key (the app checks its own keys); the ones this tool needs must be there. */
    public static AppProperties read(Path file) {
        Properties props = new Properties();
        try {
            props.load(new StringReader(SafeFiles.read(file)));
        } catch (IOException e) {
            throw new OperatorError("cannot read " + file + ": " + e.getMessage());
        }
        List<String> missing = new ArrayList<>();
        for (String key : List.of("abci.address", "http.address", "mongodb.uri")) {
            if (props.getProperty(key) == null) {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            throw new OperatorError(file + ": missing " + String.join(", ", missing));
        }
        try {
            return new AppProperties(
                    Endpoint.parse(props.getProperty("abci.address").strip(), "abci.address"),
                    Endpoint.parse(props.getProperty("http.address").strip(), "http.address"),
                    props.getProperty("mongodb.uri").strip(),
                    props.getProperty("mongodb.database", DEFAULT_DATABASE).strip(),
                    props.getProperty("tendermint.rpc", DEFAULT_TENDERMINT_RPC).strip());
        } catch (OperatorError e) {
            throw new OperatorError(file + ": " + e.getMessage());
        }
    }

    /**
     * Sets keys in an existing file in place, keeping its comments and other lines; a key not yet present is appended.
     */
    public static void update(Path file, Map<String, String> values) {
        String[] lines = SafeFiles.read(file).split("\n", -1);
        StringBuilder out = new StringBuilder();
        java.util.Set<String> done = new java.util.HashSet<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (i == lines.length - 1 && line.isEmpty()) {
                break;
            }
            String trimmed = line.stripLeading();
            String replaced = null;
            for (Map.Entry<String, String> e : values.entrySet()) {
                if (trimmed.startsWith(e.getKey())
                        && trimmed.substring(e.getKey().length()).stripLeading().matches("[=:].*")) {
                    replaced = e.getKey() + "=" + e.getValue();
                    done.add(e.getKey());
                }
            }
            out.append(replaced != null ? replaced : line).append('\n');
        }
        values.forEach((k, v) -> {
            if (!done.contains(k)) {
                out.append(k).append('=').append(v).append('\n');
            }
        });
        SafeFiles.write(file, out.toString(), SafeFiles.PUBLIC);
    }
}
