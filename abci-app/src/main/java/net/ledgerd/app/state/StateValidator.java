package net.ledgerd.app.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import net.ledgerd.app.store.LedgerStore;
import net.ledgerd.app.store.OutputLink;
import net.ledgerd.tx.Transactions;
import net.ledgerd.tx.model.Input;
import net.ledgerd.tx.model.Operation;
import net.ledgerd.tx.model.Output;
import net.ledgerd.tx.model.Transaction;
import net.ledgerd.tx.validation.StatelessValidator;
import net.ledgerd.tx.validation.ValidationException;

/**
 * BigchainDB 2.2.2's validation against state (models.Transaction.validate and
 * validate_transfer_inputs), in its order: a CREATE must not exist yet; every TRANSFER input must
 * exist (committed, or earlier in the same block) and be unspent; then the inputs' asset, the
 * amounts and each fulfillment against the condition of the output it spends. The rules that need
 * no state come from the transactions library.
 */
final class StateValidator {
    private final LedgerStore store;

    StateValidator(LedgerStore store) {
        this.store = store;
    }

    /**
     * @param block              the block being executed, or null for CheckTx (committed state only)
     * @param signaturesVerified the exact bytes passed CheckTx here, so the cryptography is not redone
     * @param mempoolPolicy      also apply the local mempool policy (CheckTx and the HTTP API); false
     *                           in DeliverTx, which must give BigchainDB 2.2.2's verdict
     */
    Transaction validate(byte[] raw, BlockInProgress block, boolean signaturesVerified, boolean mempoolPolicy)
            throws Rejection {
        Transaction tx;
        try {
            tx = Transactions.parse(raw);
            StatelessValidator.validateWithoutSignatures(tx);
            if (mempoolPolicy) {
                StatelessValidator.validateMempoolPolicy(tx);
            }
        } catch (ValidationException e) {
            throw Rejection.of(e);
        }
        StorageLimits.check(tx.json());
        if (tx.operation() == Operation.CREATE) {
            validateCreate(tx, block, signaturesVerified);
        } else {
            validateTransfer(tx, block, signaturesVerified);
        }
        return tx;
    }

    private void validateCreate(Transaction tx, BlockInProgress block, boolean signaturesVerified) throws Rejection {
        if ((block != null && block.contains(tx.id())) || store.isCommitted(tx.id())) {
            throw new Rejection(
                    "DUPLICATE_TRANSACTION", "DuplicateTransaction", "transaction `" + tx.id() + "` already exists");
        }
        if (!signaturesVerified) {
            try {
                StatelessValidator.validateCreateFulfillment(tx);
            } catch (ValidationException e) {
                throw Rejection.of(e);
            }
        }
    }

    private void validateTransfer(Transaction tx, BlockInProgress block, boolean signaturesVerified) throws Rejection {
        List<Output> spent = new ArrayList<>(tx.inputs().size());
        List<String> spentAssetIds = new ArrayList<>(tx.inputs().size());
        for (Input input : tx.inputs()) {
            String inputTxId = input.fulfills().transactionId();
            int index = input.fulfills().outputIndex();
            SpentSource source = find(inputTxId, block);
            if (index >= source.outputs.size()) {
                throw new Rejection(
                        "INPUT_DOES_NOT_EXIST",
                        "InputDoesNotExist",
                        "input `" + inputTxId + "` has no output " + index + " (it has " + source.outputs.size() + ")");
            }
            boolean spentInBlock = block != null && block.spends(inputTxId, index);
            if (spentInBlock || (!source.inBlock && !store.isUnspent(new OutputLink(inputTxId, index)))) {
                throw new Rejection(
                        "DOUBLE_SPEND",
                        "DoubleSpend",
                        "input `" + inputTxId + "` output " + index + " was already spent");
            }
            spent.add(source.outputs.get(index));
            spentAssetIds.add(source.assetId);
        }
        try {
            StatelessValidator.validateTransferAssetIds(tx, spentAssetIds);
            StatelessValidator.validateTransferAmounts(tx, spent);
            if (!signaturesVerified) {
                StatelessValidator.validateTransferFulfillments(tx, spent);
            }
        } catch (ValidationException e) {
            throw Rejection.of(e);
        }
    }

    private record SpentSource(List<Output> outputs, String assetId, boolean inBlock) {}

    /** The transaction holding a spent output: earlier in this block, or committed. */
    private SpentSource find(String transactionId, BlockInProgress block) throws Rejection {
        Transaction inBlock = block == null ? null : block.find(transactionId);
        if (inBlock != null) {
            return new SpentSource(inBlock.outputs(), inBlock.assetId(), true);
        }
        ObjectNode stored = store.storedTransaction(transactionId)
                .orElseThrow(() -> new Rejection(
                        "INPUT_DOES_NOT_EXIST", "InputDoesNotExist", "input `" + transactionId + "` doesn't exist"));
        List<Output> outputs = new ArrayList<>();
        try {
            for (JsonNode output : stored.path("outputs")) {
                outputs.add(Transactions.parseOutput(output));
            }
        } catch (ValidationException e) {
            throw new IllegalStateException(
                    "stored transaction " + transactionId + " has an unreadable output: " + e.getMessage(), e);
        }
        String assetId = "CREATE".equals(stored.path("operation").asText())
                ? transactionId
                : stored.path("asset").path("id").asText();
        return new SpentSource(outputs, assetId, false);
    }
}
