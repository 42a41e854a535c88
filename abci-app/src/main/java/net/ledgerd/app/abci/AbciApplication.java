package net.ledgerd.app.abci;

import net.ledgerd.proto.abci.*;

/**
 * The application side of ABCI 0.31.5. Transports call these from one thread per Tendermint
 * connection: mempool (CheckTx), consensus (InitChain, BeginBlock, DeliverTx, EndBlock, Commit) and
 * query (Info, Query, SetOption); implementations are responsible for their own thread safety.
 */
public interface AbciApplication {
    ResponseInfo info(RequestInfo request);

    ResponseSetOption setOption(RequestSetOption request);

    ResponseQuery query(RequestQuery request);

    ResponseCheckTx checkTx(RequestCheckTx request);

    ResponseInitChain initChain(RequestInitChain request);

    ResponseBeginBlock beginBlock(RequestBeginBlock request);

    ResponseDeliverTx deliverTx(RequestDeliverTx request);

    ResponseEndBlock endBlock(RequestEndBlock request);

    ResponseCommit commit(RequestCommit request);
}
