package net.ledgerd.ingestor.pipeline;

/**
 * When a transaction passed each stage between the ingestor and the ledger (epoch ms; -1 where unknown, e.g. for
 * readings found covered by a head read from the ledger): built and handed to a sender ({@code sentAtMs}), accepted
 * by a member's CheckTx ({@code acceptedAtMs}), its block's height first seen at /status ({@code blockSeenAtMs}),
 * that block found in the member's transaction index, i.e. stored by the app ({@code storedAtMs}), and read back
 * as committed on the consumer thread ({@code confirmedAtMs}). The benchmark splits each reading's latency by it.
 */
public record Timeline(long sentAtMs, long acceptedAtMs, long blockSeenAtMs, long storedAtMs, long confirmedAtMs) {
    /** Readings confirmed from a head read from the ledger: only when that happened is known. */
    static Timeline confirmedOnly(long confirmedAtMs) {
        return new Timeline(-1, -1, -1, -1, confirmedAtMs);
    }
}
