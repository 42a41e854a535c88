package net.ledgerd.app.abci;

import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import net.ledgerd.proto.abci.*;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gRPC ABCI transport (Tendermint's {@code abci = "grpc"}). gRPC itself frames and orders the
 * calls, so Flush and Echo need no application involvement.
 */
public final class GrpcServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GrpcServer.class);

    private final Server server;

    public GrpcServer(AbciApplication app, InetSocketAddress address, int maxFrameBytes) throws IOException {
        this.server = NettyServerBuilder.forAddress(address)
                .maxInboundMessageSize(maxFrameBytes)
                .addService(new Service(app))
                .build();
    }

    public void start() throws IOException {
        server.start();
        log.info("ABCI gRPC server listening on port {}", server.getPort());
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdown();
        if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
            server.shutdownNow();
        }
    }

    private static final class Service extends ABCIApplicationGrpc.ABCIApplicationImplBase {
        private final AbciApplication app;

        Service(AbciApplication app) {
            this.app = app;
        }

        private static <T> void answer(StreamObserver<T> observer, String name, Supplier<T> call) {
            T response;
            try {
                response = call.get();
            } catch (RuntimeException e) {
                log.error("ABCI {} failed", name, e);
                observer.onError(
                        Status.INTERNAL.withDescription(name + " failed: " + e).asRuntimeException());
                return;
            }
            observer.onNext(response);
            observer.onCompleted();
        }

        @Override
        public void echo(RequestEcho request, StreamObserver<ResponseEcho> observer) {
            answer(
                    observer,
                    "Echo",
                    () -> ResponseEcho.newBuilder()
                            .setMessage(request.getMessage())
                            .build());
        }

        @Override
        public void flush(RequestFlush request, StreamObserver<ResponseFlush> observer) {
            answer(observer, "Flush", ResponseFlush::getDefaultInstance);
        }

        @Override
        public void info(RequestInfo request, StreamObserver<ResponseInfo> observer) {
            answer(observer, "Info", () -> app.info(request));
        }

        @Override
        public void setOption(RequestSetOption request, StreamObserver<ResponseSetOption> observer) {
            answer(observer, "SetOption", () -> app.setOption(request));
        }

        @Override
        public void deliverTx(RequestDeliverTx request, StreamObserver<ResponseDeliverTx> observer) {
            answer(observer, "DeliverTx", () -> app.deliverTx(request));
        }

        @Override
        public void checkTx(RequestCheckTx request, StreamObserver<ResponseCheckTx> observer) {
            answer(observer, "CheckTx", () -> app.checkTx(request));
        }

        @Override
        public void query(RequestQuery request, StreamObserver<ResponseQuery> observer) {
            answer(observer, "Query", () -> app.query(request));
        }

        @Override
        public void commit(RequestCommit request, StreamObserver<ResponseCommit> observer) {
            answer(observer, "Commit", () -> app.commit(request));
        }

        @Override
        public void initChain(RequestInitChain request, StreamObserver<ResponseInitChain> observer) {
            answer(observer, "InitChain", () -> app.initChain(request));
        }

        @Override
        public void beginBlock(RequestBeginBlock request, StreamObserver<ResponseBeginBlock> observer) {
            answer(observer, "BeginBlock", () -> app.beginBlock(request));
        }

        @Override
        public void endBlock(RequestEndBlock request, StreamObserver<ResponseEndBlock> observer) {
            answer(observer, "EndBlock", () -> app.endBlock(request));
        }
    }
}
