package net.ledgerd.tx;

import com.fasterxml.jackson.databind.JsonNode;
import net.ledgerd.tx.json.StrictJson;
import net.ledgerd.tx.model.Output;
import net.ledgerd.tx.model.Transaction;
import net.ledgerd.tx.model.TransactionReader;
import net.ledgerd.tx.validation.ValidationException;

/** Entry point: bytes or a JSON tree to a {@link Transaction}. */
public final class Transactions {
    private Transactions() {}

    /**
     * Parses a transaction: strict UTF-8 JSON read as a BigchainDB 2.2.2 server reads it
     * (subnormal floats become zero, a repeated key keeps its last value: {@link
     * StrictJson#readAsBigchainDbServer}), the v2.0 schema, the supported operations (CREATE,
     * TRANSFER), decodable fulfillments, conditions that can be formed from their details, amounts
     * in range. Does not check the id or signatures: see {@link
     * net.ledgerd.tx.validation.Validator}.
     */
    public static Transaction parse(byte[] json) throws ValidationException {
        StrictJson.ServerRead read = StrictJson.readAsBigchainDbServer(json);
        return TransactionReader.read(read.tree(), read.duplicateKeys());
    }

    /** As {@link #parse(byte[])} for an already parsed tree (e.g. from storage). */
    public static Transaction parse(JsonNode json) throws ValidationException {
        return TransactionReader.read(json);
    }

    /** Reads one stored output object (schema-valid) into an {@link Output}. */
    public static Output parseOutput(JsonNode output) throws ValidationException {
        return TransactionReader.output(output, "output");
    }
}
