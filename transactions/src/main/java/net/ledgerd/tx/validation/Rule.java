package net.ledgerd.tx.validation;

/**
 * Why a transaction was refused. The constant names are stable: they appear in logs, metrics and
 * API error bodies. {@link #bigchaindbError()} names the exception class BigchainDB 2.2.2 raises
 * for the same problem (its HTTP API prints it as {@code Invalid transaction (<name>): ...}), or
 * for problems on which BigchainDB fails with an internal error, the closest one.
 */
public enum Rule {
    // ---- reading the bytes
    /** Not a single well-formed JSON value, or a duplicate key, or a byte order mark. */
    MALFORMED_JSON("ValidationError"),
    /** Not UTF-8, or a string/key holding a lone surrogate (cannot be serialized for hashing). */
    INVALID_UNICODE("ValidationError"),
    /** A float that overflows a double (1e400) or a number with more than 1000 digits. */
    NUMBER_OUT_OF_RANGE("ValidationError"),
    /** JSON nested deeper than {@link net.ledgerd.tx.json.StrictJson#MAX_DEPTH}. */
    JSON_TOO_DEEP("ValidationError"),

    // ---- transaction schema v2.0 (bigchaindb/common/schema/transaction_*v2.0.yaml)
    /** A rule of the JSON schema: required fields, types, patterns, extra fields, version 2.0. */
    SCHEMA("SchemaValidationError"),
    /** VALIDATOR_ELECTION, CHAIN_MIGRATION_ELECTION and VOTE are valid v2.0 operations we do not run. */
    OPERATION_NOT_SUPPORTED("ValidationError"),

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
    /** Condition details that do not form a condition (e.g. threshold above the subcondition count). */
    INVALID_CONDITION("ValidationError"),
    /** Condition details nested 100 or more threshold levels deep. */
    THRESHOLD_TOO_DEEP("ThresholdTooDeep"),
    /** An output's condition uri is not the uri of its condition details. */
    OUTPUT_CONDITION_MISMATCH("ValidationError"),
    /** A fulfillment that is not base64url DER of a supported crypto-condition fulfillment. */
    MALFORMED_FULFILLMENT("InvalidSignature"),
    /** A fulfillment whose DER is not the canonical encoding (e.g. unsorted SET OF, long lengths). */
    NON_CANONICAL_FULFILLMENT("InvalidSignature"),
    /** An input that is not signed, or whose signature(s) do not verify. */
    INVALID_SIGNATURE("InvalidSignature"),
    /** CREATE: the fulfillment is not for the condition of the input's owners_before. */
    CREATE_SIGNER_MISMATCH("InvalidSignature"),
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
    /** TRANSFER: the fulfillment's condition uri is not the spent output's condition uri. */
    FULFILLMENT_CONDITION_MISMATCH("InvalidSignature"),
    /** TRANSFER: inputs and outputs do not hold the same total amount. */
    AMOUNT_MISMATCH("AmountError"),
    /** TRANSFER: the spent outputs belong to other assets than asset.id. */
    ASSET_ID_MISMATCH("AssetIdMismatch");

    private final String bigchaindbError;

    Rule(String bigchaindbError) {
        this.bigchaindbError = bigchaindbError;
    }

    /** The BigchainDB 2.2.2 exception class name for this kind of rejection. */
    public String bigchaindbError() {
        return bigchaindbError;
    }
}
