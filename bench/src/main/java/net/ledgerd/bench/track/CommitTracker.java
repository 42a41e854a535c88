package net.ledgerd.bench.track;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import net.ledgerd.bench.send.TxLog;
import net.ledgerd.bench.workload.BenchTx;
import net.ledgerd.bench.workload.Workload;

/**
 * When each transaction committed, as BEP-23 measures it: every member's Tendermint announces each new block on its
 * websocket ({@code tm.event='NewBlockHeader'}, published after the app's Commit returned), and the time that
 * announcement reaches us is the block's commit time at that member. Each block's transactions are read once with
 * {@code /block?height=}; a transaction's commit time is the time the member it was sent to announced its block.
 * A quiet websocket is backed up by polling {@code /status} once a second (a dropped event then costs at most that).
 */
public final class CommitTracker implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(20);

    /** A TRANSFER whose CREATE is in block {@code parentHeight}, to send once its member has that block. */
    public record ReadyTransfer(int transferIndex, int parentIndex, long parentHeight) {}

    private final HttpClient http;
    private final List<URI> rpcs;
    private final Workload workload;
    private final TxLog log;
    private final Map<Long, Integer> byHash;
    private final List<Map<Long, Long>> announced = new ArrayList<>();
    private final Map<Long, Long> fetchedAt = new ConcurrentHashMap<>();
    private final AtomicLongArray memberHeight;
    private final ConcurrentLinkedQueue<ReadyTransfer> readyTransfers = new ConcurrentLinkedQueue<>();
    private final AtomicLong committed = new AtomicLong();
    private final List<WebSocket> sockets = new ArrayList<>();
    private final Object wake = new Object();
    private final Thread fetcher;
    private volatile boolean closing;
    private volatile String failure;
    private final AtomicLong slowAnswers = new AtomicLong();
    private volatile String lastSlowAnswer;
    private long fetchedUpTo;

    public CommitTracker(HttpClient http, List<URI> rpcs, Workload workload, TxLog log) {
        this.http = http;
        this.rpcs = List.copyOf(rpcs);
        this.workload = workload;
        this.log = log;
        this.memberHeight = new AtomicLongArray(rpcs.size());
        this.byHash = new HashMap<>(workload.size() * 2);
        for (int i = 0; i < workload.size(); i++) {
            byHash.put(hashKey(workload.get(i).json()), i);
        }
        for (int m = 0; m < rpcs.size(); m++) {
            announced.add(new ConcurrentHashMap<>());
        }
        this.fetcher = new Thread(this::fetchLoop, "commit-tracker");
        this.fetcher.setDaemon(true);
    }

    /** Subscribes to every member and starts reading blocks after the current height. */
    public void start() throws IOException, InterruptedException {
        long latest = 0;
        for (int m = 0; m < rpcs.size(); m++) {
            long h = status(m);
            memberHeight.set(m, h);
            latest = Math.max(latest, h);
        }
        fetchedUpTo = latest;
        for (int m = 0; m < rpcs.size(); m++) {
            sockets.add(subscribe(m));
        }
        fetcher.start();
    }

    /** Transactions of this run seen in a block so far. */
    public long committed() {
        return committed.get();
    }

    /** Why tracking stopped, or null. */
    public String failure() {
        return failure;
    }

    public long memberHeight(int member) {
        return memberHeight.get(member);
    }

    /** The next TRANSFER whose CREATE committed, or null; TRANSFERs come in the order their CREATEs committed. */
    public ReadyTransfer peekReadyTransfer() {
        return readyTransfers.peek();
    }

    public ReadyTransfer pollReadyTransfer() {
        return readyTransfers.poll();
    }

    /** When the transaction committed at the member it was sent to (nanoTime), or 0 if it did not. */
    public long commitTime(int tx) {
        long h = log.height(tx);
        if (h == 0) {
            return 0;
        }
        Long at = announced.get(log.member(tx)).get(h);
        if (at != null) {
            return at;
        }
        long earliest = Long.MAX_VALUE;
        for (Map<Long, Long> times : announced) {
            Long t = times.get(h);
            if (t != null) {
                earliest = Math.min(earliest, t);
            }
        }
        return earliest != Long.MAX_VALUE ? earliest : fetchedAt.getOrDefault(h, 0L);
    }

    private void announce(int member, long height, long at) {
        announced.get(member).putIfAbsent(height, at);
        memberHeight.accumulateAndGet(member, height, Math::max);
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    private void fetchLoop() {
        long lastPoll = System.nanoTime();
        while (!closing) {
            try {
                long target = 0;
                for (int m = 0; m < rpcs.size(); m++) {
                    target = Math.max(target, memberHeight.get(m));
                }
                if (target > fetchedUpTo) {
                    for (long h = fetchedUpTo + 1; h <= target && !closing; h++) {
                        readBlock(h);
                        fetchedUpTo = h;
                    }
                    continue;
                }
                if (System.nanoTime() - lastPoll > TimeUnit.SECONDS.toNanos(1)) {
                    lastPoll = System.nanoTime();
                    for (int m = 0; m < rpcs.size(); m++) {
                        long h = status(m);
                        if (h > memberHeight.get(m)) {
                            announce(m, h, System.nanoTime());
                        }
                    }
                    continue;
                }
                synchronized (wake) {
                    wake.wait(200);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException e) {
                // A member too busy to answer in time (its RPC waits while the app commits): ask again.
                slowAnswers.incrementAndGet();
                lastSlowAnswer = e.toString();
            } catch (RuntimeException e) {
                failure = "commit tracking stopped: " + e;
                return;
            }
        }
    }

    /** RPC calls of the tracker that failed or timed out (each was repeated), and the last one's error. */
    public String slowAnswers() {
        return slowAnswers.get() == 0 ? null : slowAnswers.get() + " tracker calls repeated, last: " + lastSlowAnswer;
    }

    private void readBlock(long height) throws IOException, InterruptedException {
        int source = 0;
        for (int m = 0; m < rpcs.size(); m++) {
            if (memberHeight.get(m) >= height) {
                source = m;
                break;
            }
        }
        JsonNode block = get(source, "/block?height=" + height).path("result").path("block");
        fetchedAt.putIfAbsent(height, System.nanoTime());
        for (JsonNode tx : block.path("data").path("txs")) {
            Integer index = byHash.get(hashKey(Base64.getDecoder().decode(tx.asText())));
            if (index == null) {
                continue; // not ours (another client's transaction)
            }
            log.committedAt(index, height);
            committed.incrementAndGet();
            BenchTx sent = workload.get(index);
            if (sent.kind() == BenchTx.Kind.CREATE
                    && index < workload.transfers().size()) {
                readyTransfers.add(new ReadyTransfer(workload.creates().size() + index, index, height));
            }
        }
    }

    private long status(int member) throws IOException, InterruptedException {
        return get(member, "/status")
                .path("result")
                .path("sync_info")
                .path("latest_block_height")
                .asLong();
    }

    private JsonNode get(int member, String pathAndQuery) throws IOException, InterruptedException {
        URI uri = URI.create(rpcs.get(member).toString().replaceAll("/$", "") + pathAndQuery);
        HttpResponse<byte[]> response = http.send(
                HttpRequest.newBuilder(uri).timeout(CALL_TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException(uri + " answered HTTP " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }

    private WebSocket subscribe(int member) {
        URI ws = URI.create(
                rpcs.get(member).toString().replaceFirst("^http", "ws").replaceAll("/$", "") + "/websocket");
        WebSocket socket = http.newWebSocketBuilder()
                .connectTimeout(CALL_TIMEOUT)
                .buildAsync(ws, new HeaderListener(member))
                .orTimeout(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                .join();
        socket.sendText(
                        "{\"jsonrpc\":\"2.0\",\"method\":\"subscribe\",\"id\":\"bench\",\"params\":{\"query\":\"tm.event='NewBlockHeader'\"}}",
                        true)
                .orTimeout(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                .join();
        return socket;
    }

    private final class HeaderListener implements WebSocket.Listener {
        private final int member;
        private final StringBuilder partial = new StringBuilder();

        HeaderListener(int member) {
            this.member = member;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            long at = System.nanoTime();
            partial.append(data);
            if (last) {
                String message = partial.toString();
                partial.setLength(0);
                try {
                    long height = JSON.readTree(message)
                            .path("result")
                            .path("data")
                            .path("value")
                            .path("header")
                            .path("height")
                            .asLong(0);
                    if (height > 0) {
                        announce(member, height, at);
                    }
                } catch (IOException e) {
                    failure = "member " + member + " sent a websocket message that is not JSON: " + e.getMessage();
                }
            }
            socket.request(1);
            return null;
        }
    }

    static long hashKey(byte[] tx) {
        try {
            return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(tx))
                    .getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        closing = true;
        synchronized (wake) {
            wake.notifyAll();
        }
        fetcher.join(TimeUnit.SECONDS.toMillis(30));
        for (WebSocket s : sockets) {
            s.abort();
        }
    }
}
