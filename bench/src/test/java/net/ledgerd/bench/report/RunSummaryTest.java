package net.ledgerd.bench.report;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import net.ledgerd.bench.send.LoadDriver;
import net.ledgerd.bench.send.TxLog;
import net.ledgerd.bench.send.TxLogs;
import org.junit.jupiter.api.Test;

class RunSummaryTest {
    private static final long S = 1_000_000_000L;

    @Test
    void nearestRankPercentiles() {
        Percentiles p = Percentiles.of(new double[] {5, 1, 4, 2, 3, 6, 7, 8, 9, 10});
        assertEquals(5, p.at(50));
        assertEquals(9, p.at(90));
        assertEquals(10, p.at(99));
        assertEquals(10, p.max());
        assertEquals(1, p.at(1));
        assertTrue(Double.isNaN(Percentiles.of(new double[0]).at(50)));
    }

    @Test
    void ratesAndLatenciesComeFromEachTransactionsTimes() {
        long t0 = 1000 * S;
        TxLog log = new TxLog(4);
        // tx0 and tx1 accepted after 0.1 s, committed 2 s and 3 s after their send; tx2 refused; tx3 never sent
        TxLogs.sentAndAccepted(log, 0, 0, t0, t0 + S / 10);
        TxLogs.sentAndAccepted(log, 1, 1, t0 + S, t0 + S + S / 10);
        TxLogs.refused(log, 2, 2, t0 + S, "mempool is full");
        log.committedAt(0, 5);
        log.committedAt(1, 6);
        long[] commit = {t0 + 2 * S, t0 + 4 * S, 0, 0};
        LoadDriver.Sent sent = new LoadDriver.Sent(3, 1, t0, t0 + 2 * S, false);
        RunSummary r = RunSummary.of("ours", "rpc", "load", sent, log, i -> commit[i]);
        assertEquals(3, r.picked());
        assertEquals(2, r.accepted());
        assertEquals(2, r.committed());
        assertEquals(1.5, r.requestsPerSecond(), 1e-9);
        assertEquals(1.0, r.acceptedPerSecond(), 1e-9);
        assertEquals(0.5, r.committedPerSecond(), 1e-9, "2 committed from the first send to the last commit (4 s)");
        assertEquals(2.0, r.commitLatency().at(50), 1e-9);
        assertEquals(3.0, r.commitLatency().max(), 1e-9);
        assertEquals(0.1, r.acceptLatency().max(), 1e-9);
        assertArrayEquals(new long[] {1, 1, 0, 0, 0}, r.acceptedSeries());
        assertArrayEquals(new long[] {0, 0, 1, 0, 1}, r.committedSeries());
        assertTrue(r.describe().contains("committed 2 = 0 tx/s") || r.describe().contains("committed 2 ="));
    }

    @Test
    void theHtmlPageIsSelfContained() {
        TxLog log = new TxLog(1);
        TxLogs.sentAndAccepted(log, 0, 0, S, S + S / 100);
        log.committedAt(0, 1);
        RunSummary r =
                RunSummary.of("ours", "rpc", "load", new LoadDriver.Sent(1, 0, S, 2 * S, false), log, i -> 2 * S);
        String html = HtmlReport.render("title <&>", List.of("machine: x"), List.of(r, r));
        assertTrue(html.contains("<svg"), html);
        assertTrue(html.contains("title &lt;&amp;&gt;"));
        assertFalse(html.contains("<script"), "no script");
        assertFalse(html.matches("(?s).*(src|href)=.*"), "nothing fetched: no src or href");
        assertEquals(2, html.split("<svg", -1).length - 1, "two charts");
    }

    @Test
    void niceCeilings() {
        assertEquals(1000, HtmlReport.niceCeiling(734), 1e-9);
        assertEquals(2, HtmlReport.niceCeiling(1.3), 1e-9);
        assertEquals(5, HtmlReport.niceCeiling(5), 1e-9);
        assertEquals(0.5, HtmlReport.niceCeiling(0.31), 1e-9);
    }
}
