/**
 * Validation rules of BigchainDB 2.2.2, each a {@link net.ledgerd.tx.validation.Rule}.
 *
 * <h2>Consensus rules and mempool policy</h2>
 *
 * DeliverTx must give BigchainDB 2.2.2's verdict on every transaction, or a network mixing its
 * nodes and ours splits. The rules are therefore in two sets:
 *
 * <ul>
 *   <li><b>Consensus</b> ({@link net.ledgerd.tx.validation.Validator#validate} with {@link
 *       net.ledgerd.tx.validation.ValidationPolicy#CONSENSUS}): exactly what 2.2.2 accepts.
 *       DeliverTx applies only these.
 *   <li><b>Mempool policy</b> ({@link net.ledgerd.tx.validation.StatelessValidator#validateMempoolPolicy},
 *       the rules whose {@link net.ledgerd.tx.validation.Rule#mempoolPolicy()} is true): stricter
 *       local checks that CheckTx and the HTTP API add, so that this node neither admits nor
 *       relays such transactions. A block proposed by another member may still hold one; DeliverTx
 *       then accepts it as 2.2.2 does (verifying its signatures itself, as CheckTx did not pass it).
 * </ul>
 *
 * The policies, each a case 2.2.2 commits:
 *
 * <ul>
 *   <li>CREATE_SIGNER_MISMATCH, "unauthenticated issuer": 2.2.2 only checks that a CREATE's
 *       fulfillment validates over the message. It commits a CREATE signed by a key that is not in
 *       owners_before, with an empty, longer or undecodable owners_before, fulfilled by a
 *       threshold with no signature at all, by a preimage (no key: anyone can issue), by a prefix or
 *       an RSA fulfillment. The policy requires the fulfillment to be for owners_before's condition.
 *   <li>OUTPUT_CONDITION_MISMATCH: 2.2.2 ignores an output's {@code condition.uri}; it recomputes
 *       it from the details when serving the transaction and when a TRANSFER spends the output.
 *   <li>INVALID_CONDITION: an output whose details form no condition (a threshold above its
 *       subcondition count). 2.2.2 commits the CREATE; the output can never be spent, and 2.2.2's
 *       API fails with an internal error when asked for the transaction.
 *   <li>NON_CANONICAL_FULFILLMENT: cryptoconditions decodes unsorted SET OF, long-form lengths,
 *       bytes after the DER value and base64 with non-zero unused bits; the id covers the text as
 *       sent, so one signed transaction has several ids. The policy accepts only the canonical text.
 * </ul>
 *
 * Signatures are verified as libsodium (PyNaCl 1.1.2, 2.2.2's verifier) decides, see {@link
 * net.ledgerd.tx.crypto.Ed25519}; one gap remains: an R of mixed order.
 *
 * <h2>Where each rule is checked</h2>
 *
 * <ul>
 *   <li>{@link net.ledgerd.tx.Transactions#parse(byte[])}: MALFORMED_JSON, INVALID_UNICODE,
 *       NUMBER_OUT_OF_RANGE, JSON_TOO_DEEP, SCHEMA (transaction_v2.0 + create/transfer schemas, and
 *       for elections and votes their own schemas, {@link net.ledgerd.tx.validation.ElectionSchemas}),
 *       INVALID_VALIDATOR_PUBLIC_KEY, MALFORMED_FULFILLMENT, INVALID_AMOUNT, INVALID_PUBLIC_KEY
 *       (condition details), THRESHOLD_TOO_DEEP. Floats are read as a 2.2.2 server reads them: its gevent
 *       20.6.2 wheel sets flush-to-zero, so a number whose double is subnormal reads as zero, and
 *       the id and signatures are computed over that zero (a client that hashed {@code 5e-324}
 *       gets INVALID_ID, as from 2.2.2).
 *   <li>{@link net.ledgerd.tx.validation.Validator#validate}, the one rule order for CheckTx,
 *       DeliverTx and the HTTP API (each with its own {@link net.ledgerd.tx.ledger.LedgerView}
 *       and {@link net.ledgerd.tx.validation.ValidationPolicy}): INVALID_ID, FORBIDDEN_KEY,
 *       INVALID_LANGUAGE, DUPLICATE_INPUT; then, at CheckTx and in the HTTP API only, the mempool
 *       policies above; for CREATE DUPLICATE_TRANSACTION, then INVALID_SIGNATURE; for an election
 *       (VALIDATOR_ELECTION, CHAIN_MIGRATION_ELECTION) as for CREATE, then against the view's
 *       validator set MULTIPLE_INPUTS, INVALID_PROPOSER, UNEQUAL_VALIDATOR_SET and, for a validator
 *       election, INVALID_POWER_CHANGE; for TRANSFER and VOTE (a VOTE is a TRANSFER of vote tokens)
 *       INPUT_DOES_NOT_EXIST and DOUBLE_SPEND (input by input), then ASSET_ID_MISMATCH,
 *       AMOUNT_MISMATCH, FULFILLMENT_CONDITION_MISMATCH (against the uri of the spent output's
 *       details, never its stored uri text), INVALID_SIGNATURE; last NOT_STORABLE.
 * </ul>
 *
 * <h2>Where consensus refuses what 2.2.2 crashes on</h2>
 *
 * Inputs on which BigchainDB fails with an internal error (not a validation error) are refused
 * with a named rule, as 2.2.2 refuses them too (its check_tx/deliver_tx answer an error): lone
 * surrogates, floats overflowing to infinity and NaN/Infinity tokens, null owners_before,
 * undecodable keys in details, a validator election without asset data or with a non-numeric power,
 * output_index beyond 2^31,
 * an RSA fulfillment that does not verify, a TRANSFER of an output whose details form no condition.
 * Duplicate JSON keys (Python keeps the last one) and nesting deeper than 400 are refused.
 *
 * <h2>Limits</h2>
 *
 * BigchainDB 2.2.2 has no transaction size limit of its own (its docs suggest a reverse-proxy body
 * limit, 15 kB in their nginx config). Tendermint 0.31.5 refuses transactions above 1,048,568
 * bytes in the mempool (1 MB max message minus 8 bytes of amino overhead). Amounts are 1..9*10^18
 * per output. Thresholds in details: 1..100, nesting below 100 levels.
 */
package net.ledgerd.tx.validation;
