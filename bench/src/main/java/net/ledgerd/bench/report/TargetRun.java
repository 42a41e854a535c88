package net.ledgerd.bench.report;

import net.ledgerd.bench.send.TxLog;
import net.ledgerd.bench.workload.Workload;

/** One network's run: its figures and, for the CSV, each transaction's times (commit times in nanoTime, 0: none). */
public record TargetRun(RunSummary summary, Workload workload, TxLog log, long[] commitTimes) {}
