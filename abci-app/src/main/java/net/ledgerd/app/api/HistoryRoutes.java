package net.ledgerd.app.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.function.LongSupplier;
import net.ledgerd.app.store.HistoryReader;
import net.ledgerd.app.store.InvalidCursorException;
import net.ledgerd.app.store.SeriesLevels;

/**
 * ledgerd's additions to BigchainDB's API, for history that stays fast as the ledger grows: an
 * asset's history in pages, its readings over a time range downsampled to at most 2,000 points and
 * exported as JSON or CSV, an owner's unspent outputs in pages, a device's assets. None of
 * BigchainDB's routes changes.
 *
 * <p>The history is written behind Commit and lags the chain by at most the writer's queue: every
 * JSON answer here but the export carries {@code history_height}, the height through which it holds
 * every block, so a client told of a newer block (the event stream) knows to ask again.
 */
final class HistoryRoutes {
    static final int MAX_PAGE = 100;

    private final HistoryReader history;
    private final LongSupplier historyHeight;

    HistoryRoutes(HistoryReader history, LongSupplier historyHeight) {
        this.history = history;
        this.historyHeight = historyHeight;
    }

    void register(Javalin server) {
        server.get("/api/v1/assets/{asset_id}/history", this::assetHistory);
        server.get("/api/v1/assets/{asset_id}/readings", this::readings);
        server.get("/api/v1/assets/{asset_id}/readings/export", this::export);
        server.get("/api/v1/owners/{public_key}/unspent", this::unspent);
        server.get("/api/v1/devices/{device}", this::device);
    }

    private void assetHistory(Context ctx) {
        QueryParameters.only(ctx, Set.of("limit", "cursor"));
        String assetId = QueryParameters.txid("asset_id", ctx.pathParam("asset_id"));
        int limit = bounded("limit", ctx.queryParam("limit"), MAX_PAGE, MAX_PAGE);
        String cursor = ctx.queryParam("cursor");
        // Asked before the documents are read: they hold at least every block through it.
        long covered = historyHeight.getAsLong();
        try {
            ctx.json(history.history(assetId, limit, cursor)
                    .orElseThrow(ApiError::notFound)
                    .put("history_height", covered));
        } catch (InvalidCursorException e) {
            throw ApiError.badParameter("cursor", e.getMessage());
        }
    }

    private void readings(Context ctx) {
        QueryParameters.only(ctx, Set.of("from", "to", "points"));
        String assetId = QueryParameters.txid("asset_id", ctx.pathParam("asset_id"));
        Long from = time("from", ctx.queryParam("from"));
        Long to = time("to", ctx.queryParam("to"));
        if (from != null && to != null && from > to) {
            throw ApiError.badParameter("to", "must not be before from");
        }
        int points = bounded("points", ctx.queryParam("points"), SeriesLevels.MAX_POINTS, SeriesLevels.MAX_POINTS);
        long covered = historyHeight.getAsLong();
        ctx.json(history.readings(assetId, from, to, points)
                .orElseThrow(ApiError::notFound)
                .put("history_height", covered));
    }

    private void export(Context ctx) {
        QueryParameters.only(ctx, Set.of("from", "to", "format"));
        String assetId = QueryParameters.txid("asset_id", ctx.pathParam("asset_id"));
        Long from = time("from", ctx.queryParam("from"));
        Long to = time("to", ctx.queryParam("to"));
        if (from != null && to != null && from > to) {
            throw ApiError.badParameter("to", "must not be before from");
        }
        String format = ctx.queryParam("format");
        if (format == null) {
            String accept = ctx.header("Accept");
            format = accept != null && accept.contains("text/csv") ? "csv" : "json";
        }
        if (!format.equals("csv") && !format.equals("json")) {
            throw ApiError.badParameter("format", "must be \"csv\" or \"json\"");
        }
        // The asset is looked up before the body starts, so an unknown one still gets a 404.
        if (history.history(assetId, 1, null).isEmpty()) {
            throw ApiError.notFound();
        }
        boolean csv = format.equals("csv");
        ctx.contentType(csv ? "text/csv; charset=utf-8" : "application/json");
        ctx.header("Content-Disposition", "attachment; filename=\"readings-" + assetId + (csv ? ".csv\"" : ".json\""));
        try (OutputStream out = ctx.outputStream()) {
            if (csv) {
                Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
                w.write("t,t_ms,tz,key,value,unit,transaction_id,height\n");
                history.exportReadings(assetId, from, to, row -> csvRow(w, row));
                w.flush();
            } else {
                try (SequenceWriter rows = HttpApi.JSON.writer().writeValuesAsArray(out)) {
                    history.exportReadings(assetId, from, to, row -> {
                        try {
                            rows.write(row);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("export of the readings of " + assetId + " was cut off", e);
        }
    }

    private static void csvRow(Writer w, ObjectNode row) {
        String[] columns = {"t", "t_ms", "tz", "key", "value", "unit", "transaction_id", "height"};
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < columns.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(csvField(row.get(columns[i])));
        }
        line.append('\n');
        try {
            w.write(line.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** RFC 4180: a field holding a comma, quote or line break is quoted, quotes doubled; null is empty. */
    static String csvField(JsonNode v) {
        if (v == null || v.isNull()) {
            return "";
        }
        String text = v.isTextual() ? v.textValue() : v.toString();
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }

    private void unspent(Context ctx) {
        QueryParameters.only(ctx, Set.of("limit", "cursor"));
        String key = QueryParameters.ed25519("public_key", ctx.pathParam("public_key"));
        int limit = bounded("limit", ctx.queryParam("limit"), MAX_PAGE, MAX_PAGE);
        long covered = historyHeight.getAsLong();
        try {
            ctx.json(history.unspent(key, limit, ctx.queryParam("cursor")).put("history_height", covered));
        } catch (InvalidCursorException e) {
            throw ApiError.badParameter("cursor", e.getMessage());
        }
    }

    private void device(Context ctx) {
        QueryParameters.only(ctx, Set.of());
        long covered = historyHeight.getAsLong();
        ctx.json(history.device(ctx.pathParam("device"))
                .orElseThrow(ApiError::notFound)
                .put("history_height", covered));
    }

    private static int bounded(String name, String value, int max, int otherwise) {
        if (value == null) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below, with the rule
        }
        throw ApiError.badParameter(name, "must be an integer from 1 to " + max);
    }

    /** Epoch milliseconds, or an ISO-8601 date-time with offset (e.g. 2026-12-02T08:00:00Z). */
    static Long time(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            try {
                return OffsetDateTime.parse(value.strip()).toInstant().toEpochMilli();
            } catch (DateTimeException notIso) {
                throw ApiError.badParameter(
                        name,
                        "must be epoch milliseconds or an ISO-8601 date-time with offset, e.g. 2026-12-02T08:00:00Z");
            }
        }
    }
}
