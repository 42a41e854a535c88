package net.ledgerd.app.abci;

import net.ledgerd.proto.abci.Request;
import net.ledgerd.proto.abci.Response;
import net.ledgerd.proto.abci.ResponseEcho;
import net.ledgerd.proto.abci.ResponseException;
import net.ledgerd.proto.abci.ResponseFlush;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Routes one ABCI request to the application and wraps the answer; failures become ResponseException. */
public final class RequestDispatcher {
    private static final Logger log = LoggerFactory.getLogger(RequestDispatcher.class);

    private final AbciApplication app;

    public RequestDispatcher(AbciApplication app) {
        this.app = app;
    }

    public Response dispatch(Request request) {
        try {
            return switch (request.getValueCase()) {
                case ECHO ->
                    Response.newBuilder()
                            .setEcho(ResponseEcho.newBuilder()
                                    .setMessage(request.getEcho().getMessage()))
                            .build();
                case FLUSH ->
                    Response.newBuilder()
                            .setFlush(ResponseFlush.getDefaultInstance())
                            .build();
                case INFO ->
                    Response.newBuilder().setInfo(app.info(request.getInfo())).build();
                case SET_OPTION ->
                    Response.newBuilder()
                            .setSetOption(app.setOption(request.getSetOption()))
                            .build();
                case INIT_CHAIN ->
                    Response.newBuilder()
                            .setInitChain(app.initChain(request.getInitChain()))
                            .build();
                case QUERY ->
                    Response.newBuilder()
                            .setQuery(app.query(request.getQuery()))
                            .build();
                case BEGIN_BLOCK ->
                    Response.newBuilder()
                            .setBeginBlock(app.beginBlock(request.getBeginBlock()))
                            .build();
                case CHECK_TX ->
                    Response.newBuilder()
                            .setCheckTx(app.checkTx(request.getCheckTx()))
                            .build();
                case DELIVER_TX ->
                    Response.newBuilder()
                            .setDeliverTx(app.deliverTx(request.getDeliverTx()))
                            .build();
                case END_BLOCK ->
                    Response.newBuilder()
                            .setEndBlock(app.endBlock(request.getEndBlock()))
                            .build();
                case COMMIT ->
                    Response.newBuilder()
                            .setCommit(app.commit(request.getCommit()))
                            .build();
                case VALUE_NOT_SET -> exception("Unknown request: no request type set");
            };
        } catch (RuntimeException e) {
            log.error("ABCI {} failed", request.getValueCase(), e);
            return exception(request.getValueCase() + " failed: " + e);
        }
    }

    static Response exception(String error) {
        return Response.newBuilder()
                .setException(ResponseException.newBuilder().setError(error))
                .build();
    }
}
