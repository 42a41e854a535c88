/**
 * Validation rules of BigchainDB 2.2.2, each a {@link net.ledgerd.tx.validation.Rule}.
 *
 * <h2>Where each rule is checked</h2>
 *
 * <ul>
 *   <li>{@link net.ledgerd.tx.Transactions#parse(byte[])}: MALFORMED_JSON, INVALID_UNICODE,
 *       NUMBER_OUT_OF_RANGE, JSON_TOO_DEEP, SCHEMA (transaction_v2.0 + create/transfer schemas),
 *       OPERATION_NOT_SUPPORTED, MALFORMED_FULFILLMENT, INVALID_AMOUNT, INVALID_PUBLIC_KEY (condition
 *       details), INVALID_CONDITION, THRESHOLD_TOO_DEEP.
 *   <li>{@link net.ledgerd.tx.validation.Validator#validate}, the one rule order for CheckTx,
 *       DeliverTx and the HTTP API (each with its own {@link net.ledgerd.tx.ledger.LedgerView}):
 *       INVALID_ID, FORBIDDEN_KEY, INVALID_LANGUAGE, OUTPUT_CONDITION_MISMATCH, DUPLICATE_INPUT,
 *       NON_CANONICAL_FULFILLMENT; for CREATE DUPLICATE_TRANSACTION, then INVALID_PUBLIC_KEY
 *       (owners_before), CREATE_SIGNER_MISMATCH, INVALID_SIGNATURE; for TRANSFER
 *       INPUT_DOES_NOT_EXIST and DOUBLE_SPEND (input by input), then ASSET_ID_MISMATCH,
 *       AMOUNT_MISMATCH, FULFILLMENT_CONDITION_MISMATCH, INVALID_SIGNATURE; last NOT_STORABLE.
 * </ul>
 *
 * <h2>Where ledgerd is stricter than BigchainDB 2.2.2, and why</h2>
 *
 * <ul>
 *   <li>CREATE_SIGNER_MISMATCH: BigchainDB verifies a CREATE fulfillment against nothing (any
 *       signer, even an empty threshold fulfillment with no signature at all, is accepted). We
 *       require the fulfillment to be for the condition of owners_before.
 *   <li>OUTPUT_CONDITION_MISMATCH: BigchainDB ignores {@code condition.uri} and uses the details.
 *   <li>NON_CANONICAL_FULFILLMENT / trailing bytes: BigchainDB re-encodes before verifying, so
 *       several encodings (and thus several ids) exist for one signed transaction; we accept only
 *       the canonical DER.
 *   <li>Inputs on which BigchainDB fails with an internal error (not a validation error) are
 *       rejected with a named rule: lone surrogates, floats overflowing to infinity, null
 *       owners_before, undecodable keys in details, thresholds above their subcondition count,
 *       unsupported operations (elections/votes), output_index beyond 2^31.
 *   <li>Duplicate JSON keys (Python keeps the last one) and nesting deeper than 400 are refused.
 * </ul>
 *
 * <h2>Limits</h2>
 *
 * BigchainDB 2.2.2 has no transaction size limit of its own (its docs suggest a reverse-proxy body
 * limit, 15 kB in their nginx config). Tendermint 0.31.5 refuses transactions above 1,048,568
 * bytes in the mempool (1 MB max message minus 8 bytes of amino overhead). Amounts are 1..9*10^18
 * per output. Thresholds in details: 1..100, nesting below 100 levels.
 */
package net.ledgerd.tx.validation;
