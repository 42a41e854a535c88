package net.ledgerd.tx.validation;

/**
 * Why a transaction was refused. The constant names are stable: they appear in logs, metrics and
 * API error bodies. {@link #bigchaindbError()} names the exception class BigchainDB 2.2.2 raises
 * for the same problem (its HTTP API prints it as {@code Invalid transaction (<name>): ...}), or
 * for problems on which BigchainDB fails with an internal error, the closest one.
 */
public enum Rule {
    // ---- reading the bytes
    /** Not a single well-formed JSON value, or a byte order mark. */
    MALFORMED_JSON("ValidationError"),
    /**
     * Mempool policy: an object repeats a key. BigchainDB 2.2.2's json.loads keeps the last value,
     * and computes the id and signatures over that, so consensus does the same.
     */
    DUPLICATE_KEY("ValidationError", true),
    /** Not UTF-8, or a string/key holding a lone surrogate (cannot be serialized for hashing). */
    INVALID_UNICODE("ValidationError"),
    /** A float that overflows a double (1e400) or a number with more than 1000 digits. */
    NUMBER_OUT_OF_RANGE("ValidationError"),
    /** JSON nested deeper than {@link net.ledgerd.tx.json.StrictJson#MAX_DEPTH}. */
    JSON_TOO_DEEP("ValidationError"),

    // ---- transaction schema v2.0 (bigchaindb/common/schema/transaction_*v2.0.yaml)
    /** A rule of the JSON schema: required fields, types, patterns, extra fields, version 2.0. */
    SCHEMA("SchemaValidationError"),
    /**
     * VALIDATOR_ELECTION: {@code asset.data.public_key.value} does not decode, in the encoding its
     * {@code type} names, to 32 bytes ({@code validate_asset_public_key}).
     */
    INVALID_VALIDATOR_PUBLIC_KEY("InvalidPublicKey"),

    // ---- the transaction's own content
    /** The id is not the SHA3-256 of the canonical body with {@code id: null}. */
    INVALID_ID("InvalidHash"),
    /** A key in asset data or metadata starts with '$' or contains '.' or NUL (MongoDB field rules). */
    FORBIDDEN_KEY("ValidationError"),
    /** A "language" key in asset data or metadata whose value MongoDB text search does not know. */
    INVALID_LANGUAGE("ValidationError"),
    /** An amount that is not an integer in 1..9*10^18. */
    INVALID_AMOUNT("AmountError"),
    /** A public key that does not decode (base58) to 32 bytes. */
    INVALID_PUBLIC_KEY("ValidationError"),
    /**
     * Mempool policy: output condition details that form no condition (a threshold above its
     * subcondition count, or without subconditions). BigchainDB 2.2.2 commits such a CREATE; the
     * output can never be spent (see {@link #FULFILLMENT_CONDITION_MISMATCH}).
     */
    INVALID_CONDITION("ValidationError", true),
    /** Condition details nested 100 or more threshold levels deep. */
    THRESHOLD_TOO_DEEP("ThresholdTooDeep"),
    /**
     * Mempool policy: an output's condition uri is not the uri of its condition details (BigchainDB
     * 2.2.2 ignores the uri, recomputes it from the details and commits the transaction).
     */
    OUTPUT_CONDITION_MISMATCH("ValidationError", true),
    /** A fulfillment that is not base64url DER of a supported crypto-condition fulfillment. */
    MALFORMED_FULFILLMENT("InvalidSignature"),
    /**
     * Mempool policy: a fulfillment text that is not the canonical one (unsorted SET OF, long
     * lengths, bytes after the DER value, non-zero unused base64 bits); BigchainDB 2.2.2 decodes
     * all of these and commits the transaction.
     */
    NON_CANONICAL_FULFILLMENT("InvalidSignature", true),
    /** An input that is not signed, or whose signature(s) do not verify. */
    INVALID_SIGNATURE("InvalidSignature"),
    /**
     * Mempool policy, "unauthenticated issuer": a CREATE whose fulfillment is not for the condition
     * of its owners_before (another signer, an empty or longer owners_before, a threshold
     * fulfillment without signatures). BigchainDB 2.2.2 only checks that the fulfillment validates
     * the message, and commits these.
     */
    CREATE_SIGNER_MISMATCH("InvalidSignature", true),
    /** The same output is spent twice within the transaction. */
    DUPLICATE_INPUT("DoubleSpend"),
    /** Asset data or metadata nested deeper, or an integer larger, than MongoDB stores ({@link StorageLimits}). */
    NOT_STORABLE("ValidationError"),

    // ---- checks against the ledger (a LedgerView)
    /** CREATE: a transaction with this id is already in the ledger (or earlier in the block, or pending). */
    DUPLICATE_TRANSACTION("DuplicateTransaction"),
    /** TRANSFER: an input points at a transaction that does not exist, or past the end of its outputs. */
    INPUT_DOES_NOT_EXIST("InputDoesNotExist"),
    /** TRANSFER: an input spends an output that another transaction already spends. */
    DOUBLE_SPEND("DoubleSpend"),
    /**
     * TRANSFER: the fulfillment's condition uri is not the uri of the spent output's condition
     * details (its stored uri text plays no part), or those details form no condition.
     */
    FULFILLMENT_CONDITION_MISMATCH("InvalidSignature"),
    /** TRANSFER: inputs and outputs do not hold the same total amount. */
    AMOUNT_MISMATCH("AmountError"),
    /** TRANSFER: the spent outputs belong to other assets than asset.id. */
    ASSET_ID_MISMATCH("AssetIdMismatch"),

    // ---- elections (bigchaindb/elections/election.py, upsert_validator/validator_election.py)
    /** Election: not exactly one input with exactly one key in owners_before (the initiator). */
    MULTIPLE_INPUTS("MultipleInputsError"),
    /** Election: the initiator (owners_before) is not in the current validator set. */
    INVALID_PROPOSER("InvalidProposer"),
    /**
     * Election: the outputs are not exactly one per current validator, locked to its key alone,
     * with its voting power as amount.
     */
    UNEQUAL_VALIDATOR_SET("UnequalValidatorSet"),
    /** VALIDATOR_ELECTION: the new power is not below a third of the current total power. */
    INVALID_POWER_CHANGE("InvalidPowerChange");

    private final String bigchaindbError;
    private final boolean mempoolPolicy;

    Rule(String bigchaindbError) {
        this(bigchaindbError, false);
    }

    Rule(String bigchaindbError, boolean mempoolPolicy) {
        this.bigchaindbError = bigchaindbError;
        this.mempoolPolicy = mempoolPolicy;
    }

    /**
     * True for local mempool policy: refused at CheckTx and by the HTTP API, but a transaction
     * breaking only such rules is accepted in DeliverTx, as BigchainDB 2.2.2 commits it.
     */
    public boolean mempoolPolicy() {
        return mempoolPolicy;
    }

    /** The BigchainDB 2.2.2 exception class name for this kind of rejection. */
    public String bigchaindbError() {
        return bigchaindbError;
    }
}
