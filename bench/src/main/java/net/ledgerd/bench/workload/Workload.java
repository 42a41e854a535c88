package net.ledgerd.bench.workload;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import net.ledgerd.tx.build.SignedTransaction;
import net.ledgerd.tx.build.TransactionBuilder;
import net.ledgerd.tx.crypto.Ed25519KeyPair;

/**
 * The benchmark's transactions, all built and signed before the timed run so that sending costs only I/O: CREATEs of
 * exactly {@value #CREATE_SIZE} bytes (BEP-23's size: an IoT reading with a little padding), and TRANSFERs, the
 * {@code j}-th spending the only output of the {@code j}-th CREATE to another key (sent once that CREATE committed).
 * A random run tag in every asset makes the transactions new on every run, so a continuing chain accepts them.
 */
public final class Workload {
    public static final int CREATE_SIZE = 765;

    private final List<BenchTx> creates;
    private final List<BenchTx> transfers;

    private Workload(List<BenchTx> creates, List<BenchTx> transfers) {
        this.creates = creates;
        this.transfers = transfers;
    }

    static Workload of(List<BenchTx> creates, List<BenchTx> transfers) {
        return new Workload(List.copyOf(creates), List.copyOf(transfers));
    }

    /** The first {@code createCount} CREATEs and {@code transferCount} TRANSFERs (which spend the first CREATEs). */
    public Workload prefix(int createCount, int transferCount) {
        if (createCount > creates.size() || transferCount > transfers.size() || transferCount > createCount) {
            throw new IllegalArgumentException(
                    "this workload has " + creates.size() + " CREATEs and " + transfers.size() + " TRANSFERs");
        }
        List<BenchTx> t = new ArrayList<>();
        for (BenchTx tx : transfers.subList(0, transferCount)) {
            t.add(new BenchTx(createCount + t.size(), tx.kind(), tx.parent(), tx.id(), tx.json()));
        }
        return new Workload(creates.subList(0, createCount), t);
    }

    /**
     * This workload without its first {@code skip} CREATEs (and the TRANSFERs of those), re-indexed: what is left
     * after a warm-up that used them.
     */
    public Workload suffix(int skip) {
        if (skip <= 0) {
            return this;
        }
        if (skip >= creates.size()) {
            throw new IllegalArgumentException("cannot skip " + skip + " of " + creates.size() + " CREATEs");
        }
        int left = creates.size() - skip;
        List<BenchTx> c = new ArrayList<>(left);
        for (BenchTx tx : creates.subList(skip, creates.size())) {
            c.add(new BenchTx(c.size(), tx.kind(), -1, tx.id(), tx.json()));
        }
        List<BenchTx> t = new ArrayList<>();
        for (BenchTx tx : transfers.subList(Math.min(skip, transfers.size()), transfers.size())) {
            t.add(new BenchTx(left + t.size(), tx.kind(), tx.parent() - skip, tx.id(), tx.json()));
        }
        return new Workload(c, t);
    }

    /**
     * {@code createCount} CREATEs signed by {@code keyCount} keys in turn, and TRANSFERs of the first
     * {@code transferCount} of them. Signing runs on every core.
     */
    public static Workload generate(int createCount, int transferCount, int keyCount) {
        if (createCount < 1 || keyCount < 1 || transferCount < 0 || transferCount > createCount) {
            throw new IllegalArgumentException("need createCount >= 1, keyCount >= 1 and 0 <= transferCount <= "
                    + "createCount, got " + createCount + ", " + keyCount + ", " + transferCount);
        }
        byte[] tagBytes = new byte[6];
        new SecureRandom().nextBytes(tagBytes);
        String tag = HexFormat.of().formatHex(tagBytes);
        Ed25519KeyPair[] keys = IntStream.range(0, keyCount)
                .parallel()
                .mapToObj(i -> Ed25519KeyPair.generate())
                .toArray(Ed25519KeyPair[]::new);
        Ed25519KeyPair receiver = Ed25519KeyPair.generate();
        SignedTransaction[] signedCreates = IntStream.range(0, createCount)
                .parallel()
                .mapToObj(i -> reading(keys[i % keyCount], tag, i))
                .toArray(SignedTransaction[]::new);
        List<BenchTx> creates = new ArrayList<>(createCount);
        for (int i = 0; i < createCount; i++) {
            creates.add(new BenchTx(i, BenchTx.Kind.CREATE, -1, signedCreates[i].id(), signedCreates[i].bytes()));
        }
        List<BenchTx> transfers = IntStream.range(0, transferCount)
                .parallel()
                .mapToObj(j -> {
                    SignedTransaction t = TransactionBuilder.transfer(signedCreates[j].transaction(), 0)
                            .metadata(Map.of("handover", j))
                            .output(1, receiver.publicKeyBase58())
                            .sign(keys[j % keyCount]);
                    return new BenchTx(createCount + j, BenchTx.Kind.TRANSFER, j, t.id(), t.bytes());
                })
                .toList();
        return new Workload(List.copyOf(creates), transfers);
    }

    /** A reading CREATE padded to exactly {@value #CREATE_SIZE} bytes (the padding depends only on the key). */
    static SignedTransaction reading(Ed25519KeyPair owner, String tag, int seq) {
        SignedTransaction unpadded = reading(owner, tag, seq, "");
        int padding = CREATE_SIZE - unpadded.bytes().length;
        if (padding < 0) {
            throw new IllegalStateException("a reading CREATE without padding already has " + unpadded.bytes().length
                    + " bytes, more than " + CREATE_SIZE);
        }
        SignedTransaction tx = reading(owner, tag, seq, "x".repeat(padding));
        if (tx.bytes().length != CREATE_SIZE) {
            throw new IllegalStateException("a reading CREATE has " + tx.bytes().length + " bytes, not " + CREATE_SIZE);
        }
        return tx;
    }

    private static SignedTransaction reading(Ed25519KeyPair owner, String tag, int seq, String padding) {
        Map<String, Object> asset = new LinkedHashMap<>();
        asset.put("device", String.format("s%09d", seq));
        asset.put("run", tag);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("ts", 1_700_000_000L + seq);
        metadata.put("pad", padding);
        return TransactionBuilder.create(owner)
                .asset(asset)
                .metadata(metadata)
                .output(1, owner.publicKeyBase58())
                .sign(owner);
    }

    public List<BenchTx> creates() {
        return creates;
    }

    public List<BenchTx> transfers() {
        return transfers;
    }

    public int size() {
        return creates.size() + transfers.size();
    }

    /** Every transaction by its index (CREATEs first, then TRANSFERs). */
    public BenchTx get(int index) {
        return index < creates.size() ? creates.get(index) : transfers.get(index - creates.size());
    }
}
