package net.ledgerd.ingestor.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import net.ledgerd.ingestor.ledger.AssetKey;
import net.ledgerd.ingestor.ledger.ChainHead;
import net.ledgerd.ingestor.ledger.Coverage;
import net.ledgerd.ingestor.ledger.LedgerClient;
import net.ledgerd.ingestor.ledger.ReadingTransactions;
import net.ledgerd.ingestor.ledger.Segment;
import net.ledgerd.ingestor.metrics.IngestorMetrics;
import net.ledgerd.ingestor.readings.BadMessageException;
import net.ledgerd.ingestor.readings.DeviceMessage;
import net.ledgerd.ingestor.readings.MessageParser;
import net.ledgerd.ingestor.readings.Reading;
import net.ledgerd.tx.build.SignedTransaction;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Readings from Kafka onto the ledger, exactly once.
 *
 * <p>One consumer thread owns all state: it polls, parses, groups each message's readings by asset, decides what to
 * send, applies the answers and commits offsets. Blocking ledger calls (head look-ups, broadcast and confirmation)
 * run on a bounded pool and hand their answers back through a queue. Per asset up to {@code pipelineDepth}
 * transactions are in flight, each spending the previous one's output (see {@link AssetChain}) and broadcast only
 * once its predecessor's broadcast was accepted (see {@link BroadcastTurn}); the next one goes once per
 * committed height, when the height is seen (see {@link SendPolicy}), and the readings that arrive meanwhile go
 * together into it.
 *
 * <p>Exactly once: an offset is committed to Kafka only when every reading of its message is read back from the
 * ledger as committed (or its message is in the dead-letter topic). After a restart or a rebalance the consumer
 * starts from the committed offset, which may be behind the ledger; each asset's chain head, read from the ledger on
 * first sight, carries the offsets it already covers, and covered messages are skipped. A transaction whose fate is
 * unclear (no answer, refused, not confirmed in time) is never assumed either way: the asset's head is read again
 * from the ledger and what it does not cover is sent again. Transactions are deterministic and each one spends its
 * predecessor's output, so the ledger refuses a second copy.
 *
 * <p>Backpressure: when more than {@code bufferMaxReadings} readings are buffered, every partition is paused until
 * the buffer is half empty; polling goes on (without records) so the group membership stays alive.
 */
public final class Ingestor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Ingestor.class);

    /** Tunables from the config that the pipeline needs. */
    public record Limits(
            int batchMaxReadings,
            int batchMaxBytes,
            int bufferMaxReadings,
            int inFlightMax,
            int pipelineDepth,
            Duration callTimeout,
            Duration confirmTimeout,
            Duration progressInterval) {}

    private sealed interface Answer permits LookedUp, Submitted, DeadLettered {}

    private record LookedUp(AssetChain chain, long generation, Optional<ChainHead> head, String error)
            implements Answer {}

    private record Submitted(AssetChain chain, long generation, SignedTransaction tx, ChainJobs.Outcome outcome)
            implements Answer {}

    private record DeadLettered(ConsumerRecord<byte[], byte[]> record, BadMessageException why, Exception error)
            implements Answer {}

    private final Consumer<byte[], byte[]> consumer;
    private final String topic;
    private final MessageParser parser;
    private final ReadingTransactions transactions;
    private final DeadLetters deadLetters;
    private final HeadHints hints;
    private final Limits limits;
    private final IngestorMetrics metrics;
    private final CommitListener listener;
    private final CommitFeed commits;
    private final ChainJobs jobs;
    private final SendPolicy policy;
    private final ExecutorService pool;
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final OffsetTracker offsets = new OffsetTracker();
    private final Map<AssetKey, AssetChain> chains = new LinkedHashMap<>();
    private final Map<TopicPartition, Set<AssetKey>> assetsByPartition = new HashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private int inFlight;
    /** Head look-ups running; bounded because one that reads an asset's history is a scan on some databases. */
    private int lookingUp;

    private static final int MAX_LOOKUPS = 8;
    private int buffered;
    private boolean paused;

    public Ingestor(
            Consumer<byte[], byte[]> consumer,
            String topic,
            MessageParser parser,
            ReadingTransactions transactions,
            DeadLetters deadLetters,
            HeadHints hints,
            LedgerClient ledger,
            Limits limits,
            IngestorMetrics metrics,
            CommitListener listener) {
        this.consumer = consumer;
        this.topic = topic;
        this.parser = parser;
        this.transactions = transactions;
        this.deadLetters = deadLetters;
        this.hints = hints;
        this.limits = limits;
        this.metrics = metrics;
        this.listener = listener;
        this.commits = new CommitFeed(ledger);
        this.jobs = new ChainJobs(ledger, commits, limits.callTimeout(), limits.confirmTimeout());
        this.policy = new SendPolicy(limits.pipelineDepth(), limits.batchMaxReadings());
        this.pool = Executors.newFixedThreadPool(limits.inFlightMax(), r -> {
            Thread t = new Thread(r, "ledger-call");
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs until {@link #stop()}; then commits what is on chain and returns. */
    public void run() {
        consumer.subscribe(List.of(topic), new Rebalance());
        Instant nextProgress = Instant.now().plus(limits.progressInterval());
        Instant nextCommit = Instant.now().plusSeconds(1);
        try {
            while (running.get()) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(inFlight > 0 ? 20 : 100))) {
                    accept(r);
                }
                applyAnswers();
                dispatch();
                if (Instant.now().isAfter(nextCommit)) {
                    commit();
                    nextCommit = Instant.now().plusSeconds(1);
                }
                backpressure();
                if (Instant.now().isAfter(nextProgress)) {
                    updateState();
                    log.info(metrics.progress());
                    nextProgress = Instant.now().plus(limits.progressInterval());
                }
            }
        } catch (WakeupException e) {
            if (running.get()) {
                throw e;
            }
        } finally {
            drainInFlight();
            commit();
            log.info("stopped; {}", metrics.progress());
        }
    }

    /**
     * On stop, gives the transactions in flight a bounded time to be confirmed, so that the final commit covers
     * what reached the chain; whatever is still unclear then is left to the next run, which reads the ledger.
     */
    private void drainInFlight() {
        long deadline = System.nanoTime()
                + Math.min(
                        limits.confirmTimeout().toNanos(),
                        Duration.ofSeconds(10).toNanos());
        applyAnswers();
        while (inFlight > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            applyAnswers();
        }
    }

    /** Asks {@link #run()} to finish (from any thread, e.g. a SIGTERM hook). */
    public void stop() {
        running.set(false);
        consumer.wakeup();
    }

    private void accept(ConsumerRecord<byte[], byte[]> r) {
        TopicPartition tp = new TopicPartition(r.topic(), r.partition());
        DeviceMessage message;
        try {
            message = parser.parse(r.topic(), r.key(), r.value());
        } catch (BadMessageException why) {
            log.warn(
                    "dead letter {}-{}@{}: {} {}",
                    r.topic(),
                    r.partition(),
                    r.offset(),
                    why.reason(),
                    why.getMessage());
            offsets.consumed(tp, r.offset(), 1);
            deadLetters.send(r, why, error -> answers.add(new DeadLettered(r, why, error)));
            return;
        }
        metrics.consumed(message.readings().size());
        Map<AssetKey, List<Reading>> byAsset = new LinkedHashMap<>();
        for (Reading reading : message.readings()) {
            byAsset.computeIfAbsent(
                            new AssetKey(message.device(), reading.key(), reading.unit()), k -> new ArrayList<>())
                    .add(reading);
        }
        offsets.consumed(tp, r.offset(), byAsset.size());
        byAsset.forEach((key, readings) -> {
            AssetChain chain = chains.computeIfAbsent(key, k -> {
                SignedTransaction create = transactions.create(k);
                return new AssetChain(k, create, create.id().hashCode());
            });
            assetsByPartition.computeIfAbsent(tp, k -> new HashSet<>()).add(key);
            chain.add(new Segment(tp, r.offset(), r.timestamp(), List.copyOf(readings)));
            buffered += readings.size();
        });
    }

    private void applyAnswers() {
        for (Answer a; (a = answers.poll()) != null; ) {
            if (a instanceof LookedUp l) {
                looked(l);
            } else if (a instanceof Submitted s) {
                submitted(s);
            } else if (a instanceof DeadLettered d) {
                deadLettered(d);
            }
        }
    }

    private void looked(LookedUp l) {
        AssetChain c = l.chain();
        inFlight--;
        lookingUp--;
        if (c.generation != l.generation() || chains.get(c.key) != c) {
            return;
        }
        if (l.error() != null) {
            log.warn("cannot read the chain head of asset {} ({}): {}", c.assetId(), c.key, l.error());
            c.state = AssetChain.State.UNKNOWN;
            return;
        }
        if (l.head().isEmpty()) {
            c.state = AssetChain.State.ABSENT;
        } else {
            c.head = l.head().get();
            c.state = AssetChain.State.READY;
            dropCovered(c);
        }
        c.readHistory = false;
    }

    private void submitted(Submitted s) {
        AssetChain c = s.chain();
        inFlight--;
        if (c.generation != s.generation() || chains.get(c.key) != c) {
            return;
        }
        int position = 0;
        for (AssetChain.Flight f : c.flights) {
            if (f.tx().id().equals(s.tx().id())) {
                break;
            }
            position++;
        }
        if (position == c.flights.size()) {
            return; // confirmed already, together with a later transaction of the chain
        }
        if (!s.outcome().committed()) {
            metrics.transactionFailed();
            log.warn(
                    "{} {} of asset {} ({}) is not on chain: {}; reading the asset's head from the ledger again",
                    s.tx().id().equals(c.create.id()) ? "CREATE" : "TRANSFER",
                    s.tx().id(),
                    c.assetId(),
                    c.key,
                    s.outcome().reason());
            // Whatever followed it in the pipeline cannot commit without it; the ledger says what did.
            c.requeueFlights();
            c.state = AssetChain.State.UNKNOWN;
            // Only a refusal can mean the head moved on without us; when the fate is merely unclear (a slow chain)
            // the last confirmed head is still right, and fetching it by id spares the members a history scan.
            c.readHistory = s.outcome().refused();
            return;
        }
        // The chain commits in order: this transaction's predecessors in flight are committed too.
        long now = System.currentTimeMillis();
        for (int i = 0; i <= position; i++) {
            confirmed(c, c.flights.pollFirst(), s.outcome(), now);
        }
        hints.record(c.assetId(), s.tx().id());
    }

    private void confirmed(AssetChain c, AssetChain.Flight f, ChainJobs.Outcome outcome, long now) {
        c.head = f.after();
        if (outcome.member() >= 0) {
            c.member = outcome.member();
        }
        c.coverageUnchecked = true;
        if (f.segments().isEmpty()) {
            return;
        }
        metrics.transactionCommitted();
        int readings = 0;
        for (Segment seg : f.segments()) {
            metrics.committed(seg.readings().size(), seg.appendTimeMs(), now);
            readings += seg.readings().size();
            offsets.done(seg.source(), seg.offset());
        }
        buffered -= readings;
        if (listener != null) {
            listener.committed(
                    c.key,
                    f.tx().id(),
                    f.segments(),
                    new Timeline(
                            f.sentAtMs(), outcome.acceptedAtMs(), outcome.blockSeenAtMs(), outcome.storedAtMs(), now));
        }
    }

    private void deadLettered(DeadLettered d) {
        if (d.error() != null) {
            log.warn(
                    "cannot write the dead letter of {}-{}@{} ({}); sending it again",
                    d.record().topic(),
                    d.record().partition(),
                    d.record().offset(),
                    d.error().toString());
            deadLetters.send(d.record(), d.why(), error -> answers.add(new DeadLettered(d.record(), d.why(), error)));
            return;
        }
        metrics.deadLetter();
        offsets.done(
                new TopicPartition(d.record().topic(), d.record().partition()),
                d.record().offset());
    }

    /**
     * Releases the waiting segments that the head already covers: on chain from an earlier run, or sent in a
     * transaction whose fate was unclear and that committed after all. They count as confirmed now.
     */
    private void dropCovered(AssetChain c) {
        c.coverageUnchecked = false;
        List<Segment> covered = new ArrayList<>();
        for (Iterator<Segment> it = c.pending.iterator(); it.hasNext(); ) {
            Segment s = it.next();
            if (c.head.coverage().covers(s.source(), s.offset())) {
                it.remove();
                covered.add(s);
            }
        }
        if (covered.isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        for (Segment s : covered) {
            c.pendingReadings -= s.readings().size();
            buffered -= s.readings().size();
            metrics.committed(s.readings().size(), s.appendTimeMs(), now);
            offsets.done(s.source(), s.offset());
        }
        if (listener != null) {
            listener.committed(c.key, c.head.transaction().id(), covered, Timeline.confirmedOnly(now));
        }
    }

    private void dispatch() {
        long height = commits.clock().height();
        List<AssetChain> sent = new ArrayList<>();
        for (AssetChain c : chains.values()) {
            if (inFlight >= limits.inFlightMax()) {
                break;
            }
            switch (c.state) {
                case UNKNOWN -> {
                    if (!c.pending.isEmpty() && lookingUp < MAX_LOOKUPS) {
                        lookUp(c);
                    }
                }
                case ABSENT -> {
                    if (!c.pending.isEmpty()) {
                        c.state = AssetChain.State.READY;
                        send(c, c.create, List.of(), new ChainHead(c.create.transaction(), Coverage.none()));
                        sent.add(c);
                    }
                }
                case READY -> {
                    if (c.head != null && c.coverageUnchecked) {
                        dropCovered(c);
                    }
                    if (policy.transferDue(c, height)) {
                        transfer(c);
                        sent.add(c);
                    }
                }
                case LOOKING_UP -> {}
            }
        }
        // Those just served go to the back, so that when inflight.max binds every asset gets its turn.
        for (AssetChain c : sent) {
            chains.remove(c.key);
            chains.put(c.key, c);
        }
    }

    private void transfer(AssetChain c) {
        ChainHead tip = c.tip();
        Integer retry = c.retryGroups.remove(tip.transaction().id());
        List<Segment> batch = new ArrayList<>();
        int readings = 0;
        int bytes = 0;
        while (!c.pending.isEmpty()) {
            Segment next = c.pending.peekFirst();
            int n = next.readings().size();
            int b = ReadingTransactions.estimatedBytes(next);
            boolean full = readings + n > limits.batchMaxReadings() || bytes + b > limits.batchMaxBytes();
            if (!batch.isEmpty() && (retry != null ? batch.size() == retry : full)) {
                break;
            }
            batch.add(c.pending.pollFirst());
            c.pendingReadings -= n;
            readings += n;
            bytes += b;
        }
        SignedTransaction tx = transactions.transfer(tip, batch);
        send(
                c,
                tx,
                batch,
                new ChainHead(
                        tx.transaction(), Coverage.fromMetadata(tx.transaction().metadata())));
    }

    private void lookUp(AssetChain c) {
        c.state = AssetChain.State.LOOKING_UP;
        long gen = c.generation;
        String hint =
                c.readHistory ? null : c.head != null ? c.head.transaction().id() : hints.get(c.assetId());
        boolean history = c.readHistory;
        inFlight++;
        lookingUp++;
        pool.execute(() -> {
            Answer a;
            try {
                a = new LookedUp(c, gen, jobs.lookUp(c.assetId(), hint, history), null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                a = new LookedUp(c, gen, Optional.empty(), "interrupted");
            } catch (Exception e) {
                a = new LookedUp(c, gen, Optional.empty(), e.getMessage());
            }
            answers.add(a);
        });
    }

    /** Puts {@code tx} in flight after the asset's last one and sends it once that one's broadcast was accepted. */
    private void send(AssetChain c, SignedTransaction tx, List<Segment> segments, ChainHead after) {
        BroadcastTurn predecessor = c.lastTurn();
        BroadcastTurn turn = new BroadcastTurn();
        c.flights.addLast(new AssetChain.Flight(tx, segments, after, turn, System.currentTimeMillis()));
        c.sentAtHeight = commits.clock().height();
        long gen = c.generation;
        inFlight++;
        pool.execute(() -> {
            ChainJobs.Outcome outcome;
            try {
                outcome = jobs.submit(tx, c.member, predecessor, turn);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                outcome = ChainJobs.Outcome.unclear("interrupted");
            } catch (RuntimeException e) {
                outcome = ChainJobs.Outcome.unclear(e.toString());
            }
            answers.add(new Submitted(c, gen, tx, outcome));
        });
    }

    private void commit() {
        Map<TopicPartition, OffsetAndMetadata> ready = offsets.committable();
        if (ready.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(ready, limits.callTimeout());
            offsets.committed(ready);
        } catch (WakeupException e) {
            // stop() woke the consumer during the commit (only stop() wakes it, and run() ends on its flag): commit
            // once more, now without the wake-up pending.
            consumer.commitSync(ready, limits.callTimeout());
            offsets.committed(ready);
        } catch (RuntimeException e) {
            log.warn("cannot commit offsets {} now ({}); will try again", ready, e.toString());
        }
    }

    private void backpressure() {
        if (!paused && buffered > limits.bufferMaxReadings()) {
            consumer.pause(consumer.assignment());
            paused = true;
            log.info("paused consuming: {} readings wait for the chain", buffered);
        } else if (paused && buffered <= limits.bufferMaxReadings() / 2) {
            consumer.resume(consumer.paused());
            paused = false;
            log.info("resumed consuming: {} readings wait for the chain", buffered);
        }
    }

    private void updateState() {
        long lag = 0;
        for (TopicPartition tp : consumer.assignment()) {
            lag += consumer.currentLag(tp).orElse(0);
        }
        metrics.state(lag, inFlight, buffered, paused ? consumer.paused().size() : 0);
    }

    /** Drops everything known about partitions this instance no longer owns; their new owner reads the ledger. */
    private void forget(Collection<TopicPartition> lost) {
        for (TopicPartition tp : lost) {
            offsets.forget(tp);
            for (AssetKey key : assetsByPartition.getOrDefault(tp, Set.of())) {
                AssetChain c = chains.remove(key);
                if (c != null) {
                    c.generation++;
                    buffered -= c.bufferedReadings();
                }
            }
            assetsByPartition.remove(tp);
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            applyAnswers();
            commit();
            forget(partitions);
            log.info("partitions revoked: {} (offsets committed up to what is on chain)", partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            forget(partitions);
            log.info("partitions lost: {}", partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            // The committed offset is where reading starts; it can be behind the ledger (a crash between a commit on
            // chain and the Kafka commit). Assets met from here on read their chain head from the ledger before
            // anything is sent, and skip the messages that head covers: the ledger, not Kafka, says what is done.
            Map<TopicPartition, OffsetAndMetadata> committed =
                    consumer.committed(new HashSet<>(partitions), limits.callTimeout());
            hints.reload(limits.confirmTimeout());
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata o = committed.get(tp);
                log.info(
                        "partition {} assigned; resuming at {} and recovering each asset's position from its chain head",
                        tp,
                        o == null ? "the beginning (nothing committed)" : "offset " + o.offset());
            }
            if (paused) {
                consumer.pause(partitions);
            }
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(limits.callTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        commits.close();
    }
}
