package net.ledgerd.app.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import net.ledgerd.app.abci.AbciApplication;
import net.ledgerd.app.metrics.AppMetrics;
import net.ledgerd.app.store.AbciChainRecord;
import net.ledgerd.app.store.BlockRecord;
import net.ledgerd.app.store.HistoryBlock;
import net.ledgerd.app.store.LedgerStore;
import net.ledgerd.app.store.PreCommitRecord;
import net.ledgerd.app.store.ValidatorRecord;
import net.ledgerd.proto.abci.*;
import net.ledgerd.tx.Transactions;
import net.ledgerd.tx.ledger.LedgerOverlay;
import net.ledgerd.tx.model.Transaction;
import net.ledgerd.tx.validation.ValidationException;
import net.ledgerd.tx.validation.ValidationPolicy;
import net.ledgerd.tx.validation.Validator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The block lifecycle as BigchainDB 2.2.2 runs it (core.py): InitChain records the chain and its
 * validators; BeginBlock opens a block whose DeliverTx calls also see its earlier transactions;
 * EndBlock writes the pre-commit record and computes the app hash; Commit writes the block's
 * transactions and, last, the block itself (BEP-8).
 *
 * <p>One rule order ({@link Validator#validate}) with three views, as Cosmos SDK's baseapp keeps
 * check state apart from deliver state: CheckTx validates against the {@link CheckState} (committed
 * plus this node's pending transactions), DeliverTx against the block in progress over the
 * committed ledger (BigchainDB's {@code current_transactions}), the HTTP API against the check
 * view without adding to it.
 *
 * <p>Threads: CheckTx runs on the mempool connection, the block calls on the consensus connection.
 * Committed state is only changed inside Commit, during which Tendermint holds the mempool lock, so
 * CheckTx never sees a half-written block.
 */
public final class LedgerApplication implements AbciApplication {
    private static final Logger log = LoggerFactory.getLogger(LedgerApplication.class);
    static final int CODE_OK = 0;
    static final int CODE_INVALID = 1;
    private static final List<String> SUPPORTED_TENDERMINT = List.of("0.31.5", "0.22.8");
    /** How long a pending transaction holds its inputs in the check view at most (see {@link CheckState}). */
    static final long PENDING_TTL_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final LedgerStore store;
    private final CheckState checkState;
    /**
     * Parsed transactions held from CheckTx to DeliverTx: four times Tendermint's default mempool.size
     * (5,000) covers a full mempool with room; each entry (the parsed tree) takes a few KB of heap.
     */
    private final VerifiedTransactions verified = new VerifiedTransactions(20_000);

    private final List<CommitListener> listeners = new CopyOnWriteArrayList<>();
    private final List<VerdictListener> verdictListeners = new CopyOnWriteArrayList<>();
    private final QueryHandler queries;
    private final AppMetrics metrics;
    private final ElectionProcessor elections;

    // Consensus-connection state; touched only by that connection's thread.
    private AbciChainRecord chain;
    private LedgerOverlay block;
    private final Set<String> blockDigests = new HashSet<>();
    private long newHeight;
    /**
     * True from EndBlock's first write until Commit has stored the block record. Still true at the next BeginBlock
     * only when the block was not finished (Commit failed, e.g. a database write, or Tendermint stopped in between)
     * and Tendermint, restarted, replays it to this process.
     */
    private boolean blockUnfinished;

    private String newAppHash = "";
    private String lastAppHash;

    public LedgerApplication(LedgerStore store, AppMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
        this.checkState = new CheckState(store, System::nanoTime, PENDING_TTL_NANOS);
        this.block = new LedgerOverlay(store);
        this.queries = new QueryHandler(store.readModel());
        this.elections = new ElectionProcessor(store);
        Recovery.rollBackInterruptedCommit(store);
        this.chain = store.latestAbciChain().orElse(null);
        Optional<BlockRecord> latest = store.latestBlock();
        latest.ifPresent(b -> metrics.setHeight(b.height()));
        this.lastAppHash = latest.map(BlockRecord::appHash).orElse("");
    }

    public void addCommitListener(CommitListener listener) {
        listeners.add(listener);
    }

    public void addVerdictListener(VerdictListener listener) {
        verdictListeners.add(listener);
    }

    private long chainShift() {
        return chain == null ? 0 : chain.height();
    }

    /**
     * Whether the chain this node follows is synced. It is not after a concluded chain migration
     * once the node restarted (as 2.2.2, the running node keeps its chain until then); only
     * InitChain of the new chain brings it back.
     */
    private boolean synced() {
        return chain == null || chain.synced();
    }

    private String migrationMessage() {
        List<String> validators = store.latestValidators().stream()
                .map(v -> "{pub_key: {type: tendermint/PubKeyEd25519, value: " + v.publicKeyBase64() + "}, power: "
                        + v.votingPower() + "}")
                .toList();
        return "a chain migration is in process: start Tendermint with a new genesis of chain_id=" + chain.chainId()
                + ", app_hash=" + lastAppHash + " and validators=" + validators
                + " (see the README, chain migration); until its InitChain this node takes no blocks";
    }

    private void requireSynced() {
        if (!synced()) {
            throw new IllegalStateException(migrationMessage());
        }
    }

    @Override
    public ResponseInfo info(RequestInfo request) {
        String version = request.getVersion().split("-")[0];
        if (!SUPPORTED_TENDERMINT.contains(version)) {
            throw new IllegalStateException("unsupported Tendermint version '" + request.getVersion()
                    + "'; this application speaks ABCI of Tendermint " + SUPPORTED_TENDERMINT.get(0));
        }
        ResponseInfo.Builder response =
                ResponseInfo.newBuilder().setData("ledgerd").setVersion("2.2.2");
        if (!synced()) {
            // BigchainDB 2.2.2 exits here; answering height 0 instead lets the new chain's
            // Tendermint send the InitChain that completes the migration (the old chain's is refused)
            log.error(migrationMessage());
            return response.build();
        }
        Optional<BlockRecord> latest = store.latestBlock();
        latest.ifPresent(b -> response.setLastBlockHeight(b.height() - chainShift())
                .setLastBlockAppHash(ByteString.copyFrom(b.appHash(), StandardCharsets.UTF_8)));
        log.info(
                "Info: Tendermint {}, last block height {}, app hash '{}'",
                request.getVersion(),
                response.getLastBlockHeight(),
                latest.map(BlockRecord::appHash).orElse(""));
        return response.build();
    }

    @Override
    public ResponseSetOption setOption(RequestSetOption request) {
        return ResponseSetOption.getDefaultInstance();
    }

    @Override
    public ResponseInitChain initChain(RequestInitChain request) {
        Optional<AbciChainRecord> known = store.latestAbciChain();
        List<ValidatorRecord> validators = new ArrayList<>();
        for (ValidatorUpdate v : request.getValidatorsList()) {
            validators.add(new ValidatorRecord(
                    Base64.getEncoder().encodeToString(v.getPubKey().getData().toByteArray()), v.getPower()));
        }
        String appHash = "";
        long height = 0;
        if (known.isPresent()) {
            if (known.get().synced() && repeatsInitChain(known.get(), request.getChainId(), validators)) {
                log.info(
                        "InitChain for chain '{}' again before its first block (Tendermint restarted); already done",
                        request.getChainId());
                return ResponseInitChain.getDefaultInstance();
            }
            if (known.get().synced()) {
                throw new IllegalStateException(
                        "InitChain for chain '" + request.getChainId() + "' but this database already follows chain '"
                                + known.get().chainId()
                                + "'; point the app at an empty database or at that chain's Tendermint");
            }
            if (!known.get().chainId().equals(request.getChainId())) {
                throw new IllegalStateException("InitChain for chain '" + request.getChainId()
                        + "' but a migration to chain '" + known.get().chainId() + "' is pending");
            }
            Optional<BlockRecord> latest = store.latestBlock();
            appHash = latest.map(BlockRecord::appHash).orElse("");
            height = latest.map(b -> b.height() + 1).orElse(0L);
        }
        List<ValidatorRecord> knownValidators = store.latestValidators();
        if (!knownValidators.isEmpty() && !knownValidators.equals(validators)) {
            throw new IllegalStateException("InitChain validators differ from the validator set this database records");
        }
        store.storeBlock(new BlockRecord(height, appHash, List.of()));
        lastAppHash = appHash;
        store.storeValidatorSet(height + 1, validators);
        long chainHeight = known.map(AbciChainRecord::height).orElse(0L);
        chain = new AbciChainRecord(chainHeight, request.getChainId(), true);
        store.storeAbciChain(chain);
        log.info("InitChain: chain '{}' with {} validators", request.getChainId(), validators.size());
        return ResponseInitChain.getDefaultInstance();
    }

    /**
     * Whether this InitChain is the one already applied, sent again because Tendermint restarted before the
     * chain's first block: Tendermint 0.31.5 sends InitChain whenever Info answers height 0, and without empty
     * blocks a chain can stay there. BigchainDB 2.2.2 exits on it, which leaves a member killed before the first
     * transaction unable to start; answering it (nothing to store) is what the first answer was.
     */
    private boolean repeatsInitChain(AbciChainRecord known, String chainId, List<ValidatorRecord> validators) {
        Optional<BlockRecord> latest = store.latestBlock();
        return known.chainId().equals(chainId)
                && latest.isPresent()
                && latest.get().height() - chainShift() == 0
                && latest.get().transactions().isEmpty()
                && store.latestValidators().equals(validators);
    }

    @Override
    public ResponseCheckTx checkTx(RequestCheckTx request) {
        requireSynced();
        return metrics.checkTx().record(() -> {
            byte[] raw = request.getTx().toByteArray();
            ResponseCheckTx response;
            try {
                String digest = VerifiedTransactions.digest(raw);
                // The HTTP API verified the bytes it broadcast: they are neither parsed nor verified twice.
                Transaction known = verified.get(digest);
                Transaction tx = known != null ? known : parse(raw);
                ValidationPolicy policy =
                        known != null ? ValidationPolicy.MEMPOOL_ALREADY_VERIFIED : ValidationPolicy.MEMPOOL;
                try {
                    checkState.admit(tx, digest, policy);
                } catch (ValidationException e) {
                    throw Rejection.of(e);
                }
                verified.remember(digest, tx);
                metrics.accepted("check_tx");
                response = ResponseCheckTx.newBuilder().setCode(CODE_OK).build();
            } catch (Rejection r) {
                log.info("CheckTx rejected: {}", r.log());
                metrics.rejected("check_tx", r.rule());
                response = ResponseCheckTx.newBuilder()
                        .setCode(CODE_INVALID)
                        .setLog(r.log())
                        .build();
            }
            for (VerdictListener listener : verdictListeners) {
                listener.checked(raw, response.getCode(), response.getLog());
            }
            return response;
        });
    }

    /**
     * The HTTP API's check before broadcasting: the same rules as CheckTx (mempool policy
     * included), against the check view (so a TRANSFER of a pending output can be posted), without
     * adding to it.
     */
    public Transaction validateSubmission(byte[] raw) throws Rejection {
        Transaction tx = parse(raw);
        try {
            Validator.validate(tx, checkState, ValidationPolicy.MEMPOOL);
        } catch (ValidationException e) {
            throw Rejection.of(e);
        }
        verified.remember(VerifiedTransactions.digest(raw), tx);
        return tx;
    }

    private static Transaction parse(byte[] raw) throws Rejection {
        try {
            return Transactions.parse(raw);
        } catch (ValidationException e) {
            throw Rejection.of(e);
        }
    }

    @Override
    public ResponseBeginBlock beginBlock(RequestBeginBlock request) {
        requireSynced();
        if (blockUnfinished) {
            // What the unfinished block wrote goes first, as at a restart of the app, so the replay validates
            // against the committed ledger: a transaction its failed Commit had stored is not a duplicate.
            Recovery.rollBackInterruptedCommit(store);
            blockUnfinished = false;
        }
        block = new LedgerOverlay(store);
        blockDigests.clear();
        newHeight = request.getHeader().getHeight() + chainShift();
        return ResponseBeginBlock.getDefaultInstance();
    }

    @Override
    public ResponseDeliverTx deliverTx(RequestDeliverTx request) {
        requireSynced();
        return metrics.deliverTx().record(() -> {
            byte[] raw = request.getTx().toByteArray();
            String digest = VerifiedTransactions.digest(raw);
            blockDigests.add(digest);
            try {
                Transaction known = verified.consume(digest);
                boolean alreadyVerified = known != null;
                if (alreadyVerified) {
                    metrics.verificationReused();
                }
                Transaction tx = alreadyVerified ? known : parse(raw);
                // BigchainDB 2.2.2's verdict only: a transaction another member proposed may break our
                // mempool policy (CheckTx refused it or never saw it) and is then fully verified here.
                try {
                    Validator.validate(
                            tx,
                            block,
                            alreadyVerified ? ValidationPolicy.CONSENSUS_ALREADY_VERIFIED : ValidationPolicy.CONSENSUS);
                } catch (ValidationException e) {
                    throw Rejection.of(e);
                }
                block.add(tx);
                metrics.accepted("deliver_tx");
                // Never an empty response: Tendermint 0.31.5 stores DeliverTx results with amino, which reads an
                // empty one back as nil, and its crash replay (mockProxyApp) then panics. Info is outside the
                // results hash (only code and data are hashed), so this changes no consensus value.
                return ResponseDeliverTx.newBuilder()
                        .setCode(CODE_OK)
                        .setInfo(tx.id())
                        .build();
            } catch (Rejection r) {
                log.info("DeliverTx rejected at height {}: {}", newHeight, r.log());
                metrics.rejected("deliver_tx", r.rule());
                for (VerdictListener listener : verdictListeners) {
                    listener.refusedInBlock(raw, CODE_INVALID, r.log());
                }
                return ResponseDeliverTx.newBuilder()
                        .setCode(CODE_INVALID)
                        .setLog(r.log())
                        .build();
            }
        });
    }

    @Override
    public ResponseEndBlock endBlock(RequestEndBlock request) {
        requireSynced();
        newHeight = request.getHeight() + chainShift();
        List<Transaction> txs = block.transactions();
        List<String> ids = txs.stream().map(Transaction::id).toList();
        blockUnfinished = true;
        store.storePreCommit(new PreCommitRecord(newHeight, ids));
        newAppHash = AppHash.next(lastAppHash, ids);
        List<ValidatorUpdate> updates = elections.endBlock(newHeight, txs);
        updates.forEach(u -> log.info(
                "EndBlock {}: validator update power {} for {}",
                newHeight,
                u.getPower(),
                Base64.getEncoder().encodeToString(u.getPubKey().getData().toByteArray())));
        return ResponseEndBlock.newBuilder().addAllValidatorUpdates(updates).build();
    }

    @Override
    public ResponseCommit commit(RequestCommit request) {
        requireSynced();
        return metrics.commit().record(this::commitBlock);
    }

    private ResponseCommit commitBlock() {
        List<Transaction> txs = block.transactions();
        List<ObjectNode> documents = txs.stream().map(Transaction::json).toList();
        store.storeTransactions(documents);
        HistoryBlock history = store.historyOf(newHeight, documents);
        store.applyToUtxos(documents);
        // The block is written last: its presence is what marks the commit as complete (BEP-8).
        BlockRecord committed = new BlockRecord(
                newHeight, newAppHash, txs.stream().map(Transaction::id).toList());
        store.storeBlock(committed);
        // Stored, the block is committed whatever follows; the next block's app hash builds on this one.
        blockUnfinished = false;
        lastAppHash = newAppHash;
        // The history follows stored blocks only, written behind Commit (see HistoryFeed).
        store.followHistory(history);
        if (!txs.isEmpty()) {
            log.info("Committed block {} with {} transactions, app hash {}", newHeight, txs.size(), newAppHash);
        }
        for (CommitListener listener : listeners) {
            listener.committed(committed, txs);
        }
        metrics.committed(newHeight, txs.size());
        checkState.committed(blockDigests, txs);
        metrics.pending(checkState.size());
        block = new LedgerOverlay(store);
        blockDigests.clear();
        return ResponseCommit.newBuilder()
                .setData(ByteString.copyFrom(newAppHash, StandardCharsets.UTF_8))
                .build();
    }

    @Override
    public ResponseQuery query(RequestQuery request) {
        return queries.answer(request);
    }
}
