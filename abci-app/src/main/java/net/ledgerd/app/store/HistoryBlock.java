package net.ledgerd.app.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * A stored block as the history writer needs it: its height, its transactions (asset and metadata
 * joined) and the condition details of the outputs it spends that earlier blocks created, keyed
 * {@code txid:index} (to know whose unspent list each leaves), resolved while their utxos rows
 * still exist.
 */
public record HistoryBlock(long height, List<ObjectNode> transactions, Map<String, JsonNode> spentDetails) {}
