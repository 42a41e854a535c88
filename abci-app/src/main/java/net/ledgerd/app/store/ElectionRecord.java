package net.ledgerd.app.store;

/** A row of {@code elections}: an election started (or, concluded) at a height. */
public record ElectionRecord(String electionId, long height, boolean concluded) {}
