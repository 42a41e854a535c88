package net.ledgerd.app.store;

/** A row of {@code abci_chains}: which Tendermint chain this database follows from which height. */
public record AbciChainRecord(long height, String chainId, boolean synced) {}
