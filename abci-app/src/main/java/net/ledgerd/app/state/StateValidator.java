package net.ledgerd.app.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import net.ledgerd.app.store.LedgerStore;
import net.ledgerd.app.store.OutputLink;
import net.ledgerd.tx.Transactions;
import net.ledgerd.tx.model.Input;
import net.ledgerd.tx.model.Output;
import net.ledgerd.tx.model.Transaction;
import net.ledgerd.tx.validation.StatelessValidator;
import net.ledgerd.tx.validation.ValidationException;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * BigchainDB 2.2.2's validation against state (models.Transaction.validate and
 * validate_transfer_inputs), in its order: a CREATE must not exist yet; every TRANSFER input must
 * exist (committed, or earlier in the same block) and be unspent, inputs must be distinct, all
 * inputs must carry the transaction's asset, amounts must balance, and each fulfillment must
 * satisfy the condition of the output it spends.
 */
final class StateValidator {
    private final LedgerStore store;

    StateValidator(LedgerStore store) {
        this.store = store;
    }

    /**
     * @param block              the block being executed, or null for CheckTx (committed state only)
     * @param signaturesVerified the exact bytes passed CheckTx here, so the cryptography is not redone
     */
    Transaction validate(byte[] raw, BlockInProgress block, boolean signaturesVerified) throws Rejection {
        Transaction tx;
        try {
            tx = Transactions.parse(raw);
            StatelessValidator.validateStructure(tx);
        } catch (ValidationException e) {
            throw new Rejection(e.rule().name(), e.getMessage());
        }
        switch (tx.operation()) {
            case CREATE -> validateCreate(tx, block, signaturesVerified);
            case TRANSFER -> validateTransfer(tx, block, signaturesVerified);
        }
        return tx;
    }

    private void validateCreate(Transaction tx, BlockInProgress block, boolean signaturesVerified) throws Rejection {
        if ((block != null && block.contains(tx.id())) || store.isCommitted(tx.id())) {
            throw new Rejection("DuplicateTransaction", "transaction " + tx.id() + " already exists");
        }
        if (!signaturesVerified) {
            try {
                StatelessValidator.verifyCreateFulfillments(tx);
            } catch (ValidationException e) {
                throw new Rejection(e.rule().name(), e.getMessage());
            }
        }
    }

    private void validateTransfer(Transaction tx, BlockInProgress block, boolean signaturesVerified) throws Rejection {
        List<Output> spent = new ArrayList<>(tx.inputs().size());
        Set<String> inputAssetIds = new HashSet<>();
        for (Input input : tx.inputs()) {
            String inputTxId = input.fulfills().transactionId();
            long index = input.fulfills().outputIndex();
            Transaction inputTx = block == null ? null : block.find(inputTxId);
            List<Output> outputs;
            String assetId;
            if (inputTx != null) {
                outputs = inputTx.outputs();
                assetId = inputTx.assetId();
            } else {
                ObjectNode stored = store.storedTransaction(inputTxId)
                        .orElseThrow(() -> new Rejection("InputDoesNotExist", "input `" + inputTxId + "` doesn't exist"));
                outputs = Transactions.outputsOf(stored);
                assetId = Transactions.assetIdOf(stored);
            }
            if (index < 0 || index >= outputs.size()) {
                throw new Rejection("InputDoesNotExist", "input `" + inputTxId + "` has no output " + index
                        + " (it has " + outputs.size() + ")");
            }
            boolean spentInBlock = block != null && block.spends(inputTxId, index);
            if (spentInBlock || !store.spendersOf(new OutputLink(inputTxId, (int) index)).isEmpty()) {
                throw new Rejection("DoubleSpend", "input `" + inputTxId + "` output " + index + " was already spent");
            }
            spent.add(outputs.get((int) index));
            inputAssetIds.add(assetId);
        }
        Set<String> links = new HashSet<>();
        for (Input input : tx.inputs()) {
            if (!links.add(BlockInProgress.outputKey(input.fulfills().transactionId(), input.fulfills().outputIndex()))) {
                throw new Rejection("DoubleSpend", "tx \"" + tx.id() + "\" spends inputs twice");
            }
        }
        if (inputAssetIds.size() != 1 || !inputAssetIds.contains(tx.assetId())) {
            throw new Rejection("AssetIdMismatch", "The asset id of the input does not match the asset id of the transaction");
        }
        // Sums of amounts up to 9e18 each can pass 64 bits; BigchainDB's Python integers never overflow.
        BigInteger in = BigInteger.ZERO;
        BigInteger out = BigInteger.ZERO;
        for (Output o : spent) {
            in = in.add(BigInteger.valueOf(o.amount()));
        }
        for (Output o : tx.outputs()) {
            out = out.add(BigInteger.valueOf(o.amount()));
        }
        if (!in.equals(out)) {
            throw new Rejection("AmountError", "The amount used in the inputs `" + in + "` needs to be same as the amount used in the outputs `" + out + "`");
        }
        if (!signaturesVerified) {
            try {
                StatelessValidator.validateTransferFulfillments(tx, spent);
            } catch (ValidationException e) {
                throw new Rejection(e.rule().name(), e.getMessage());
            }
        }
    }
}
