package net.ledgerd.bench.send;

/** Test access to the sender's TxLog writes. */
public final class TxLogs {
    private TxLogs() {}

    public static void sentAndAccepted(TxLog log, int tx, int member, long sentAt, long answeredAt) {
        log.attempt(tx, member);
        log.accepted(tx, sentAt, answeredAt);
    }

    public static void refused(TxLog log, int tx, int member, long at, String why) {
        log.attempt(tx, member);
        log.refused(tx, at, why);
    }
}
