package net.ledgerd.bench.workload;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * One pre-signed transaction of the load: its position in the run, its kind, for a TRANSFER the position of the
 * CREATE whose output it spends, its id and its wire bytes (canonical JSON, which is what Tendermint carries).
 */
public record BenchTx(int index, Kind kind, int parent, String id, byte[] json) {
    public enum Kind {
        CREATE,
        TRANSFER
    }

    /** Tendermint's JSON-RPC and its block results carry a transaction as base64 of these bytes. */
    public String base64() {
        return Base64.getEncoder().encodeToString(json);
    }

    public String text() {
        return new String(json, StandardCharsets.UTF_8);
    }

    public int size() {
        return json.length;
    }
}
