package net.ledgerd.app.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.ledgerd.app.cli.AppConfig;
import net.ledgerd.app.json.PythonJson;
import net.ledgerd.app.metrics.AppMetrics;
import net.ledgerd.app.state.LedgerApplication;
import net.ledgerd.app.state.Rejection;
import net.ledgerd.app.store.BlockRecord;
import net.ledgerd.app.store.LedgerStore;
import net.ledgerd.app.store.ReadModel;
import net.ledgerd.app.store.ValidatorRecord;
import net.ledgerd.tx.ledger.OutputLink;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * BigchainDB 2.2.2's HTTP API v1 (bigchaindb/web): the same routes, parameters, status codes and
 * bodies, so that the official drivers work unchanged. Also serves the event stream, the
 * OpenAPI description, and the explorer (static pages under /explorer/, the chart library under
 * /webjars/, both from the jar) with the two routes only it needs: /api/v1/network and
 * /api/v1/transactions/{id}/outputs.
 */
public final class HttpApi implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpApi.class);
    static final ObjectMapper JSON = PythonJson.mapper();
    static final String STREAM_PATH = "/api/v1/streams/valid_transactions";
    static final String EXPLORER_PATH = "/explorer";
    private static final String NOT_FOUND_MESSAGE =
            "The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.";

    private final Javalin server;
    private final LedgerStore store;
    private final ReadModel reads;
    private final LedgerApplication application;
    private final TendermintBroadcaster broadcaster;
    private final EventStream events;
    private final NetworkSummary network;

    public HttpApi(LedgerStore store, LedgerApplication application, AppMetrics metrics, AppConfig appConfig) {
        this.store = store;
        this.reads = store.readModel();
        this.application = application;
        SubmissionOutcomes outcomes = new SubmissionOutcomes();
        application.addVerdictListener(outcomes);
        application.addCommitListener(outcomes);
        this.broadcaster = new TendermintBroadcaster(
                appConfig.tendermintRpc(), outcomes, appConfig.checkTimeout(), appConfig.commitTimeout());
        this.events = new EventStream();
        application.addCommitListener(events);
        this.network = new NetworkSummary(store);
        application.addCommitListener(network);
        InetSocketAddress address = appConfig.httpAddress();
        long maxRequestBytes = appConfig.maxRequestBytes();
        this.server = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(PythonJson.mapper(), false));
            config.router.ignoreTrailingSlashes = true;
            // flask-restful answers a known route called with another method with 405, not 404.
            config.http.prefer405over404 = true;
            config.http.maxRequestSize = maxRequestBytes;
            // Bounded pool: many slow clients queue instead of exhausting threads.
            config.jetty.threadPool = new QueuedThreadPool(64, 8, 60_000);
            config.jetty.modifyServer(s -> s.setStopTimeout(2000));
            config.staticFiles.add(files -> {
                files.hostedPath = EXPLORER_PATH;
                files.directory = "/explorer";
                files.location = Location.CLASSPATH;
            });
            config.staticFiles.enableWebjars();
        });
        routes(metrics);
        server.start(address.getHostString(), address.getPort());
        log.info("HTTP API listening on {}:{}", address.getHostString(), server.port());
    }

    public int port() {
        return server.port();
    }

    private void routes(AppMetrics metrics) {
        server.exception(ApiError.class, (e, ctx) -> {
            if (e.status >= 500) {
                log.error("HTTP API error: {} - {}:{} - {}", e.status, ctx.method(), ctx.path(), e.getMessage());
            } else {
                log.info("HTTP API error: {} - {}:{} - {}", e.status, ctx.method(), ctx.path(), e.getMessage());
            }
            ctx.status(e.status).json(e.body);
        });
        server.exception(io.javalin.http.HttpResponseException.class, (e, ctx) -> {
            String message = switch (e.getStatus()) {
                case 404 -> NOT_FOUND_MESSAGE;
                case 405 -> "The method is not allowed for the requested URL.";
                default -> e.getMessage();
            };
            if (e.getStatus() == 405) {
                // Javalin names the route's methods under one of two keys, depending on the Accept header.
                String allowed = e.getDetails()
                        .getOrDefault("availableMethods", e.getDetails().get("Available methods"));
                if (allowed != null) {
                    ctx.header("Allow", allowed);
                }
            }
            ctx.status(e.getStatus()).json(Map.of("message", message, "status", e.getStatus()));
        });
        server.exception(Exception.class, (e, ctx) -> {
            log.error("HTTP API failure on {} {}", ctx.method(), ctx.path(), e);
            // flask-restful's body for an unhandled exception; the cause is in the log above.
            ctx.status(500).json(Map.of("message", "Internal Server Error"));
        });
        server.error(
                HttpStatus.CONTENT_TOO_LARGE,
                ctx -> ctx.json(
                        Map.of("message", "The data value transmitted exceeds the capacity limit.", "status", 413)));

        server.get("/", ctx -> ctx.json(rootInfo(ctx)));
        server.get("/api/v1", ctx -> ctx.json(apiInfo(ctx, "/")));
        server.get("/api/v1/transactions/{id}", this::getTransaction);
        server.get("/api/v1/transactions/{id}/outputs", this::outputsOfTransaction);
        server.get("/api/v1/transactions", this::listTransactions);
        server.post("/api/v1/transactions", this::postTransaction);
        server.get("/api/v1/outputs", this::listOutputs);
        server.get("/api/v1/assets", ctx -> search(ctx, true));
        server.get("/api/v1/metadata", ctx -> search(ctx, false));
        server.get("/api/v1/blocks/{height}", this::getBlock);
        server.get("/api/v1/blocks", this::listBlocks);
        server.get("/api/v1/validators", this::listValidators);
        server.get("/api/v1/network", this::networkSummary);
        // With ignoreTrailingSlashes this route also takes /explorer/, which must serve the page itself; without
        // the slash the page's relative links would miss its directory, so that is redirected.
        String explorerPage = Resources.text("/explorer/index.html");
        server.get(EXPLORER_PATH, ctx -> {
            if (ctx.path().endsWith("/")) {
                ctx.html(explorerPage);
            } else {
                ctx.redirect(EXPLORER_PATH + "/");
            }
        });
        new HistoryRoutes(store.history(), store.historyFeed()::appliedThrough).register(server);
        server.get(
                "/api/v1/openapi.json",
                ctx -> ctx.contentType("application/json").result(OpenApi.document()));
        server.ws(STREAM_PATH, events::configure);
        // What aiohttp (BigchainDB's stream server) answers a plain request on the stream's path.
        server.get(STREAM_PATH, ctx -> {
            throw ApiError.badRequest(
                    "No WebSocket UPGRADE hdr: " + ctx.header("Upgrade") + " Can \"Upgrade\" only to \"WebSocket\".");
        });
        server.get(
                "/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4").result(metrics.scrape()));
    }

    private Map<String, Object> apiInfo(Context ctx, String prefix) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("assets", prefix + "assets/");
        info.put("blocks", prefix + "blocks/");
        info.put("docs", "https://docs.bigchaindb.com/projects/server/en/v2.2.2/http-client-server-api.html");
        info.put("metadata", prefix + "metadata/");
        info.put("outputs", prefix + "outputs/");
        String host = Optional.ofNullable(ctx.header("Host")).orElse("localhost:" + server.port());
        info.put("streams", "ws://" + host + STREAM_PATH);
        info.put("transactions", prefix + "transactions/");
        info.put("validators", prefix + "validators");
        return info;
    }

    private Map<String, Object> rootInfo(Context ctx) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("api", Map.of("v1", apiInfo(ctx, "/api/v1/")));
        info.put("docs", "https://docs.bigchaindb.com/projects/server/en/v2.2.2/");
        info.put("software", "BigchainDB");
        info.put("version", "2.2.2");
        return info;
    }

    private void getTransaction(Context ctx) {
        ObjectNode tx = reads.transaction(ctx.pathParam("id")).orElseThrow(ApiError::notFound);
        ctx.json(ServedTransactions.of(tx));
    }

    /** Each output of a committed transaction with whether it is spent (its utxos row is gone). */
    private void outputsOfTransaction(Context ctx) {
        QueryParameters.only(ctx, Set.of());
        String id = ctx.pathParam("id");
        ObjectNode tx = reads.transaction(id).orElseThrow(ApiError::notFound);
        ArrayNode result = JSON.createArrayNode();
        JsonNode outputs = tx.path("outputs");
        for (int i = 0; i < outputs.size(); i++) {
            JsonNode output = outputs.get(i);
            result.addObject()
                    .put("output_index", i)
                    .put("amount", output.path("amount").asText())
                    .<ObjectNode>set("public_keys", output.path("public_keys").deepCopy())
                    .put("spent", !store.isUnspent(new OutputLink(id, i)));
        }
        ctx.json(result);
    }

    private void networkSummary(Context ctx) {
        QueryParameters.only(ctx, Set.of("blocks"));
        Integer blocks = QueryParameters.integer("blocks", ctx.queryParam("blocks"));
        int count = blocks == null ? 10 : blocks;
        if (count < 1 || count > NetworkSummary.MAX_BLOCKS) {
            throw ApiError.badParameter("blocks", "must be between 1 and " + NetworkSummary.MAX_BLOCKS);
        }
        ctx.json(network.summary(count));
    }

    private void listTransactions(Context ctx) {
        String assetId = QueryParameters.txid("asset_id", QueryParameters.required(ctx, "asset_id"));
        String operation = QueryParameters.operation("operation", ctx.queryParam("operation"));
        Boolean lastTx = QueryParameters.bool("last_tx", ctx.queryParam("last_tx"));
        List<ObjectNode> matching = reads.transactionsOfAsset(assetId, operation, Boolean.TRUE.equals(lastTx));
        ctx.json(matching.stream().map(ServedTransactions::of).toList());
    }

    private void postTransaction(Context ctx) {
        TendermintBroadcaster.Mode mode = TendermintBroadcaster.Mode.parse(ctx.queryParam("mode"));
        JsonNode body;
        try {
            body = JSON.readTree(ctx.bodyAsBytes());
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("Failed to decode JSON object: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw ApiError.badRequest("Failed to read the request body: " + e.getMessage());
        }
        if (body == null || body.isMissingNode()) {
            throw ApiError.badRequest("Failed to decode JSON object: the body is empty");
        }
        byte[] compact;
        try {
            compact = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String id;
        try {
            id = application.validateSubmission(compact).id();
        } catch (Rejection r) {
            if (r.bigchaindbError().equals("SchemaValidationError")) {
                throw ApiError.of(400, "Invalid transaction schema: " + r.getMessage());
            }
            // 2.2.2's words where it has fixed ones; the detailed reason goes to this node's log
            if (!r.bigchaindbMessage().equals(r.getMessage())) {
                log.info("refused a posted transaction: {}", r.log());
            }
            throw ApiError.of(400, "Invalid transaction (" + r.bigchaindbError() + "): " + r.bigchaindbMessage());
        }
        broadcaster.broadcast(compact, id, mode);
        ctx.status(202).json(body);
    }

    private void listOutputs(Context ctx) {
        QueryParameters.only(ctx, Set.of("public_key", "spent"));
        String key = QueryParameters.ed25519("public_key", QueryParameters.required(ctx, "public_key"));
        Boolean spent = QueryParameters.bool("spent", ctx.queryParam("spent"));
        ctx.json(reads.outputs(key, spent));
    }

    private void search(Context ctx, boolean assets) {
        String search = QueryParameters.required(ctx, "search");
        Integer limit = QueryParameters.integer("limit", ctx.queryParam("limit"));
        if (search.isEmpty()) {
            throw ApiError.of(400, "text_search cannot be empty");
        }
        // pymongo's cursor.limit(-n) returns n documents; 0 means all.
        int max = limit == null ? 0 : (int) Math.min(Integer.MAX_VALUE, Math.abs((long) limit));
        ctx.json(assets ? reads.searchAssets(search, max) : reads.searchMetadata(search, max));
    }

    private void getBlock(Context ctx) {
        long height;
        try {
            height = Long.parseLong(ctx.pathParam("height"));
        } catch (NumberFormatException e) {
            throw ApiError.of(404, NOT_FOUND_MESSAGE);
        }
        // BigchainDB answers an empty block below the latest height and 404 above it; the latest
        // block is a sorted query, so it is only asked for when the height has no block.
        if (!reads.hasBlock(height)
                && height > store.latestBlock().map(BlockRecord::height).orElse(0L)) {
            throw ApiError.notFound();
        }
        ObjectNode block = reads.block(height);
        ArrayNode served = JSON.createArrayNode();
        block.path("transactions").forEach(tx -> served.add(ServedTransactions.of((ObjectNode) tx)));
        block.set("transactions", served);
        ctx.json(block);
    }

    private void listBlocks(Context ctx) {
        QueryParameters.only(ctx, Set.of("transaction_id"));
        String id = QueryParameters.required(ctx, "transaction_id");
        ctx.json(reads.heightsOfBlocksContaining(id));
    }

    private void listValidators(Context ctx) {
        ArrayNode result = JSON.createArrayNode();
        for (ValidatorRecord v : store.latestValidators()) {
            ObjectNode node = result.addObject();
            node.putObject("public_key").put("type", "ed25519-base64").put("value", v.publicKeyBase64());
            node.put("voting_power", v.votingPower());
        }
        ctx.json(result);
    }

    @Override
    public void close() {
        events.close();
        server.stop();
    }
}
