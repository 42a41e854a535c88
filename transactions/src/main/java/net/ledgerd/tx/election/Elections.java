package net.ledgerd.tx.election;

import java.util.HexFormat;
import net.ledgerd.tx.crypto.Base58;

/** Facts of BigchainDB 2.2.2's elections that need no ledger. */
public final class Elections {
    private Elections() {}

    /**
     * The public key votes for an election are sent to: the base58 of the election id's bytes
     * ({@code Election.to_public_key}). Nobody holds its private key, so votes stay there.
     */
    public static String publicKey(String electionId) {
        return Base58.encode(HexFormat.of().parseHex(electionId));
    }
}
