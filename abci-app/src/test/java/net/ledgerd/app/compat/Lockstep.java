package net.ledgerd.app.compat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.ledgerd.proto.abci.Header;
import net.ledgerd.proto.abci.PubKey;
import net.ledgerd.proto.abci.Request;
import net.ledgerd.proto.abci.RequestBeginBlock;
import net.ledgerd.proto.abci.RequestCheckTx;
import net.ledgerd.proto.abci.RequestCommit;
import net.ledgerd.proto.abci.RequestDeliverTx;
import net.ledgerd.proto.abci.RequestEndBlock;
import net.ledgerd.proto.abci.RequestInfo;
import net.ledgerd.proto.abci.RequestInitChain;
import net.ledgerd.proto.abci.Response;
import net.ledgerd.proto.abci.ValidatorUpdate;
import net.ledgerd.tx.crypto.Ed25519KeyPair;

/**
 * Plays Tendermint for two applications at once: the same Info and InitChain, then for every
 * round of the corpus the same CheckTx calls (in corpus order, against the last committed state,
 * as a mempool does) and the same block (BeginBlock, DeliverTx of every item of the round,
 * EndBlock, Commit). Every item is delivered whatever either CheckTx said, as happens in a mixed
 * network when the other implementation proposes; only an item that crashed BigchainDB's CheckTx
 * is kept out of blocks (BigchainDB cannot take it into any block). The verdicts and app hashes of
 * both are recorded for comparison.
 */
final class Lockstep {
    static final String CHAIN_ID = "differential-chain";
    static final String TENDERMINT_VERSION = "0.31.5";
    /** The verdict of a call that made the server drop the connection. */
    static final int CRASH = -1;
    /** The verdict of an item that was not delivered. */
    static final int NOT_DELIVERED = -2;

    /** A response code with its log; info is what a DeliverTx answered in it (ours: the transaction id). */
    record Verdict(int code, String log, String info) {
        static Verdict of(int code, String log) {
            return new Verdict(code, log, "");
        }

        String label() {
            return switch (code) {
                case CRASH -> "crash";
                case NOT_DELIVERED -> "not delivered";
                default -> String.valueOf(code);
            };
        }
    }

    /** What both applications answered for one item. */
    static final class ItemResult {
        final Corpus.Item item;
        Verdict checkReference;
        Verdict checkOurs;
        Verdict deliverReference;
        Verdict deliverOurs;
        /** The block's Commit: code 0 unless the server dropped the connection there. */
        Verdict commitReference = Verdict.of(0, "");

        Verdict commitOurs = Verdict.of(0, "");
        String ourId;
        /** The height of the block it was delivered in (0: not delivered). */
        long height;

        ItemResult(Corpus.Item item) {
            this.item = item;
        }

        /** Delivered and committed by both applications. */
        boolean committedByBoth() {
            return item.id() != null
                    && deliverReference.code() == 0
                    && deliverOurs.code() == 0
                    && commitReference.code() == 0
                    && commitOurs.code() == 0;
        }
    }

    /**
     * One block: height, both app hashes after Commit (null: Commit crashed), the ids each
     * committed and the validator updates each EndBlock returned ("base64 key:power", in order).
     */
    record Block(
            long height,
            String appHashReference,
            String appHashOurs,
            List<String> idsReference,
            List<String> idsOurs,
            List<String> updatesReference,
            List<String> updatesOurs) {}

    /**
     * The genesis validators, power 10 each: the keys of these seeds, which the corpus's elections
     * family signs with ({@code transactions/compat/py/election_corpus.py}, VALIDATOR_SEEDS).
     */
    static final List<byte[]> VALIDATOR_SEEDS = List.of(seed(0xA1), seed(0xA2), seed(0xA3), seed(0xA4));

    private static byte[] seed(int b) {
        byte[] s = new byte[32];
        java.util.Arrays.fill(s, (byte) b);
        return s;
    }

    private final AbciPeer reference;
    private final AbciPeer ours;
    private final Map<String, ItemResult> results = new LinkedHashMap<>();
    private final List<Block> blocks = new ArrayList<>();

    Lockstep(AbciPeer reference, AbciPeer ours) {
        this.reference = reference;
        this.ours = ours;
    }

    /** Info and InitChain with the {@link #VALIDATOR_SEEDS} validators, on both. */
    void initChain() {
        Request info = Request.newBuilder()
                .setInfo(RequestInfo.newBuilder().setVersion(TENDERMINT_VERSION))
                .build();
        reference.consensus(info);
        ours.consensus(info);
        RequestInitChain.Builder genesis = RequestInitChain.newBuilder()
                .setChainId(CHAIN_ID)
                .setTime(Timestamp.newBuilder().setSeconds(1_600_000_000L));
        for (byte[] seed : VALIDATOR_SEEDS) {
            genesis.addValidators(ValidatorUpdate.newBuilder()
                    .setPower(10)
                    .setPubKey(PubKey.newBuilder()
                            .setType("ed25519")
                            .setData(ByteString.copyFrom(
                                    Ed25519KeyPair.fromSeed(seed).publicKey()))));
        }
        Request init = Request.newBuilder().setInitChain(genesis).build();
        reference.consensus(init);
        ours.consensus(init);
    }

    /**
     * Runs every round of the corpus: CheckTx of all its items against the last committed state,
     * then one block with its ordinary items and one block for each of its solo items.
     */
    void run(List<Corpus.Item> corpus) {
        Map<Integer, List<Corpus.Item>> rounds = new TreeMap<>();
        for (Corpus.Item item : corpus) {
            rounds.computeIfAbsent(item.round(), r -> new ArrayList<>()).add(item);
        }
        for (List<Corpus.Item> round : rounds.values()) {
            List<ItemResult> shared = new ArrayList<>();
            List<ItemResult> solo = new ArrayList<>();
            for (Corpus.Item item : round) {
                ItemResult r = new ItemResult(item);
                results.put(item.key(), r);
                Request check = Request.newBuilder()
                        .setCheckTx(RequestCheckTx.newBuilder().setTx(ByteString.copyFrom(item.bytes())))
                        .build();
                r.checkReference = checkTx(reference, check);
                r.checkOurs = checkTx(ours, check);
                if (r.checkReference.code() == CRASH) {
                    r.deliverReference = Verdict.of(NOT_DELIVERED, "crashed BigchainDB's CheckTx");
                    r.deliverOurs = r.deliverReference;
                } else {
                    (item.solo() ? solo : shared).add(r);
                }
            }
            blocks.add(runBlock(blocks.size() + 1, shared));
            for (ItemResult r : solo) {
                blocks.add(runBlock(blocks.size() + 1, List.of(r)));
            }
        }
    }

    private Block runBlock(long height, List<ItemResult> block) {
        Request begin = Request.newBuilder()
                .setBeginBlock(RequestBeginBlock.newBuilder()
                        .setHeader(Header.newBuilder()
                                .setChainId(CHAIN_ID)
                                .setHeight(height)
                                .setNumTxs(block.size())
                                .setTime(Timestamp.newBuilder().setSeconds(1_600_000_000L + height))))
                .build();
        reference.consensus(begin);
        ours.consensus(begin);
        List<String> idsReference = new ArrayList<>();
        List<String> idsOurs = new ArrayList<>();
        for (ItemResult r : block) {
            r.height = height;
            Request deliver = Request.newBuilder()
                    .setDeliverTx(RequestDeliverTx.newBuilder().setTx(ByteString.copyFrom(r.item.bytes())))
                    .build();
            r.deliverReference = deliverTx(reference, deliver);
            r.deliverOurs = deliverTx(ours, deliver);
            if (r.deliverReference.code() == 0) {
                idsReference.add(r.item.id());
            }
            if (r.deliverOurs.code() == 0) {
                r.ourId = r.deliverOurs.info();
                idsOurs.add(r.ourId);
            }
        }
        Request end = Request.newBuilder()
                .setEndBlock(RequestEndBlock.newBuilder().setHeight(height))
                .build();
        List<String> updatesReference = updates(reference.consensus(end));
        List<String> updatesOurs = updates(ours.consensus(end));
        String hashReference = commit(reference, block, true);
        String hashOurs = commit(ours, block, false);
        return new Block(
                height,
                hashReference,
                hashOurs,
                hashReference == null ? List.of() : idsReference,
                hashOurs == null ? List.of() : idsOurs,
                updatesReference,
                updatesOurs);
    }

    private static List<String> updates(Response endBlock) {
        List<String> result = new ArrayList<>();
        for (ValidatorUpdate u : endBlock.getEndBlock().getValidatorUpdatesList()) {
            result.add(u.getPubKey().getType() + " "
                    + java.util.Base64.getEncoder()
                            .encodeToString(u.getPubKey().getData().toByteArray()) + ":"
                    + u.getPower());
        }
        return result;
    }

    /**
     * Commit; a server that drops the connection there (its database refused a document) has
     * committed nothing: null, and every item of the block records the crash.
     */
    private String commit(AbciPeer peer, List<ItemResult> block, boolean isReference) {
        Request commit = Request.newBuilder()
                .setCommit(RequestCommit.getDefaultInstance())
                .build();
        try {
            return appHash(peer.consensus(commit));
        } catch (AbciClient.AbciConnectionLost e) {
            for (ItemResult r : block) {
                if (isReference) {
                    r.commitReference = Verdict.of(CRASH, e.getMessage());
                } else {
                    r.commitOurs = Verdict.of(CRASH, e.getMessage());
                }
            }
            return null;
        }
    }

    private static String appHash(Response commit) {
        return commit.getCommit().getData().toString(StandardCharsets.UTF_8);
    }

    private static Verdict checkTx(AbciPeer peer, Request check) {
        try {
            Response r = peer.mempool(check);
            return Verdict.of(r.getCheckTx().getCode(), r.getCheckTx().getLog());
        } catch (AbciClient.AbciConnectionLost e) {
            return Verdict.of(CRASH, e.getMessage());
        }
    }

    private static Verdict deliverTx(AbciPeer peer, Request deliver) {
        try {
            Response r = peer.consensus(deliver);
            return new Verdict(
                    r.getDeliverTx().getCode(),
                    r.getDeliverTx().getLog(),
                    r.getDeliverTx().getInfo());
        } catch (AbciClient.AbciConnectionLost e) {
            return Verdict.of(CRASH, e.getMessage());
        }
    }

    Map<String, ItemResult> results() {
        return results;
    }

    List<Block> blocks() {
        return blocks;
    }
}
