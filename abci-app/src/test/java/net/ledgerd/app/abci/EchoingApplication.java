package net.ledgerd.app.abci;

import com.google.protobuf.ByteString;
import net.ledgerd.proto.abci.*;

/** A transport-test application: CheckTx echoes the tx as data, and a tx "boom" makes it throw. */
class EchoingApplication implements AbciApplication {
    @Override
    public ResponseInfo info(RequestInfo request) {
        return ResponseInfo.newBuilder()
                .setData("echoing")
                .setLastBlockHeight(7)
                .build();
    }

    @Override
    public ResponseSetOption setOption(RequestSetOption request) {
        return ResponseSetOption.getDefaultInstance();
    }

    @Override
    public ResponseQuery query(RequestQuery request) {
        return ResponseQuery.getDefaultInstance();
    }

    @Override
    public ResponseCheckTx checkTx(RequestCheckTx request) {
        if (request.getTx().toStringUtf8().equals("boom")) {
            throw new IllegalStateException("boom requested");
        }
        return ResponseCheckTx.newBuilder().setData(request.getTx()).build();
    }

    @Override
    public ResponseInitChain initChain(RequestInitChain request) {
        return ResponseInitChain.getDefaultInstance();
    }

    @Override
    public ResponseBeginBlock beginBlock(RequestBeginBlock request) {
        return ResponseBeginBlock.getDefaultInstance();
    }

    @Override
    public ResponseDeliverTx deliverTx(RequestDeliverTx request) {
        return ResponseDeliverTx.newBuilder().setData(request.getTx()).build();
    }

    @Override
    public ResponseEndBlock endBlock(RequestEndBlock request) {
        return ResponseEndBlock.getDefaultInstance();
    }

    @Override
    public ResponseCommit commit(RequestCommit request) {
        return ResponseCommit.newBuilder()
                .setData(ByteString.copyFromUtf8("hash"))
                .build();
    }
}
