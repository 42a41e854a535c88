package net.ledgerd.app.store;

/** One validator as BigchainDB stores it: an ed25519 public key in base64 and its voting power. */
public record ValidatorRecord(String publicKeyBase64, long votingPower) {}
