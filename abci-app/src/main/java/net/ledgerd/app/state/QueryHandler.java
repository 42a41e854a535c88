package net.ledgerd.app.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.google.protobuf.ByteString;
import java.util.List;
import java.util.Optional;
import net.ledgerd.app.json.PythonJson;
import net.ledgerd.app.store.ReadModel;
import net.ledgerd.proto.abci.RequestQuery;
import net.ledgerd.proto.abci.ResponseQuery;

/**
 * ABCI Query paths answering the same questions as the HTTP API, through Tendermint's abci_query.
 * The path names the question, the data carries its argument as UTF-8, the answer's value is JSON:
 * <ul>
 *   <li>{@code /transactions} + a transaction id: the transaction;</li>
 *   <li>{@code /assets/transactions} + an asset id: its transactions, CREATE first (its value history);</li>
 *   <li>{@code /outputs/unspent} + a base58 public key: its unspent outputs as {transaction_id, output_index};</li>
 *   <li>{@code /blocks} + a height: the block as the HTTP API shows it.</li>
 * </ul>
 * Code 0 with the answer, or a non-zero code with the reason in the log.
 */
final class QueryHandler {
    static final int CODE_NOT_FOUND = 1;
    static final int CODE_UNKNOWN_PATH = 2;
    static final int CODE_BAD_ARGUMENT = 3;
    private static final ObjectMapper JSON = PythonJson.mapper();

    private final ReadModel reads;

    QueryHandler(ReadModel reads) {
        this.reads = reads;
    }

    ResponseQuery answer(RequestQuery request) {
        String argument = request.getData().toStringUtf8();
        return switch (request.getPath()) {
            case "/transactions" -> found(reads.transaction(argument), "no transaction with id '" + argument + "'");
            case "/assets/transactions" -> list(reads.transactionsOfAsset(argument));
            case "/outputs/unspent" -> ok(reads.outputs(argument, false));
            case "/blocks" -> block(argument);
            default ->
                ResponseQuery.newBuilder()
                        .setCode(CODE_UNKNOWN_PATH)
                        .setLog("unknown query path '" + request.getPath()
                                + "'; known: /transactions, /assets/transactions, /outputs/unspent, /blocks")
                        .build();
        };
    }

    private ResponseQuery block(String argument) {
        long height;
        try {
            height = Long.parseLong(argument);
        } catch (NumberFormatException e) {
            return ResponseQuery.newBuilder()
                    .setCode(CODE_BAD_ARGUMENT)
                    .setLog("block height must be an integer, got '" + argument + "'")
                    .build();
        }
        if (!reads.hasBlock(height)) {
            return ResponseQuery.newBuilder()
                    .setCode(CODE_NOT_FOUND)
                    .setLog("no block at height " + height)
                    .build();
        }
        return ok(reads.block(height));
    }

    private static ResponseQuery found(Optional<? extends JsonNode> answer, String notFound) {
        return answer.map(QueryHandler::ok)
                .orElseGet(() -> ResponseQuery.newBuilder()
                        .setCode(CODE_NOT_FOUND)
                        .setLog(notFound)
                        .build());
    }

    private static ResponseQuery list(List<? extends JsonNode> items) {
        ArrayNode array = JSON.createArrayNode();
        items.forEach(array::add);
        return ok(array);
    }

    private static ResponseQuery ok(JsonNode value) {
        try {
            return ResponseQuery.newBuilder()
                    .setCode(0)
                    .setValue(ByteString.copyFrom(JSON.writeValueAsBytes(value)))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored document could not be written as JSON", e);
        }
    }
}
