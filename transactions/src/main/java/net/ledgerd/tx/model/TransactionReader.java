package net.ledgerd.tx.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import net.ledgerd.tx.conditions.Condition;
import net.ledgerd.tx.conditions.ConditionDetails;
import net.ledgerd.tx.conditions.CryptoConditionException;
import net.ledgerd.tx.conditions.Fulfillments;
import net.ledgerd.tx.validation.ElectionSchemas;
import net.ledgerd.tx.validation.Rule;
import net.ledgerd.tx.validation.SchemaV2;
import net.ledgerd.tx.validation.ValidationException;

/**
 * Turns a parsed JSON tree into a {@link Transaction}: the v2.0 schema, then what BigchainDB's
 * {@code Transaction.from_dict} does while building its objects (decode fulfillments, form
 * conditions from details, check amounts).
 */
public final class TransactionReader {
    private TransactionReader() {}

    public static Transaction read(JsonNode json) throws ValidationException {
        return read(json, false);
    }

    /** @param duplicateKeys whether the text repeated a key (kept for the mempool policy) */
    public static Transaction read(JsonNode json, boolean duplicateKeys) throws ValidationException {
        SchemaV2.validateCommon(json);
        String opName = json.get("operation").textValue();
        Operation op = Operation.of(opName);
        if (op.createLike()) {
            SchemaV2.validateCreate(json);
        } else {
            SchemaV2.validateTransfer(json);
        }
        if (op != Operation.CREATE && op != Operation.TRANSFER) {
            ElectionSchemas.validate(json, op);
        }
        JsonNode ins = json.get("inputs");
        List<Input> inputs = new ArrayList<>(ins.size());
        for (int i = 0; i < ins.size(); i++) {
            inputs.add(input(ins.get(i), i));
        }
        JsonNode outs = json.get("outputs");
        List<Output> outputs = new ArrayList<>(outs.size());
        for (int i = 0; i < outs.size(); i++) {
            outputs.add(output(outs.get(i), "output " + i));
        }
        JsonNode id = json.get("id");
        return new Transaction(
                (ObjectNode) json, id.isNull() ? null : id.textValue(), op, inputs, outputs, duplicateKeys);
    }

    private static Input input(JsonNode in, int i) throws ValidationException {
        JsonNode owners = in.get("owners_before");
        if (owners.isNull()) {
            // The schema allows null, but BigchainDB 2.2.2 then fails with a TypeError.
            throw new ValidationException(
                    Rule.SCHEMA, "$.inputs[" + i + "].owners_before: must be a list of public keys, not null");
        }
        List<String> ownersBefore = new ArrayList<>(owners.size());
        owners.forEach(k -> ownersBefore.add(k.textValue()));
        JsonNode f = in.get("fulfillment");
        String uri = null;
        Fulfillments.Decoded decoded = null;
        if (f.isTextual()) {
            uri = f.textValue();
            try {
                decoded = Fulfillments.fromUri(uri);
            } catch (CryptoConditionException e) {
                throw new ValidationException(
                        Rule.MALFORMED_FULFILLMENT,
                        "input " + i + ": the fulfillment cannot be decoded (" + e.getMessage()
                                + "); it must be the base64url DER of an ed25519-sha-256 or threshold-sha-256 fulfillment",
                        "Fulfillment URI couldn't been parsed");
            }
        }
        Fulfills fulfills = null;
        JsonNode fl = in.get("fulfills");
        if (fl != null && fl.isObject()) {
            fulfills = new Fulfills(
                    fl.get("transaction_id").textValue(), fl.get("output_index").intValue());
        }
        return new Input(
                ownersBefore,
                uri,
                decoded == null ? null : decoded.fulfillment(),
                decoded != null && decoded.canonical(),
                fulfills);
    }

    /**
     * Reads one output object (as found in a stored transaction, for example). The shape must
     * satisfy the v2.0 output schema.
     */
    public static Output output(JsonNode out, String where) throws ValidationException {
        long amount = amount(out.get("amount").textValue(), where);
        JsonNode details = out.get("condition").get("details");
        Condition condition;
        try {
            condition = ConditionDetails.toCondition(details, where + " condition details");
        } catch (ValidationException e) {
            if (e.rule() != Rule.INVALID_CONDITION) {
                throw e;
            }
            // BigchainDB 2.2.2 forms an output's condition only when it is spent or served, so it
            // commits a CREATE whose details form none (a threshold above its subcondition count)
            condition = null;
        }
        JsonNode keys = out.get("public_keys");
        List<String> publicKeys = new ArrayList<>(keys.size());
        keys.forEach(k -> publicKeys.add(k.textValue()));
        return new Output(
                amount, publicKeys, condition, out.get("condition").get("uri").textValue(), details);
    }

    /** An amount string (already 1..20 digits) as a long in 1..9*10^18, as BigchainDB's Output checks. */
    static long amount(String digits, String where) throws ValidationException {
        String trimmed = digits;
        int z = 0;
        while (z < trimmed.length() - 1 && trimmed.charAt(z) == '0') {
            z++;
        }
        trimmed = trimmed.substring(z);
        long value;
        if (trimmed.length() > 19) {
            value = Long.MAX_VALUE;
        } else {
            try {
                value = Long.parseLong(trimmed);
            } catch (NumberFormatException e) {
                value = Long.MAX_VALUE;
            }
        }
        if (value < 1) {
            // 2.2.2's Output raises AmountError with these words, which its API answers.
            throw new ValidationException(
                    Rule.INVALID_AMOUNT, where + ": amount must be greater than 0", "`amount` must be greater than 0");
        }
        if (value > Output.MAX_AMOUNT) {
            throw new ValidationException(
                    Rule.INVALID_AMOUNT,
                    where + ": amount must be <= 9000000000000000000, found " + digits,
                    "`amount` must be <= 9000000000000000000");
        }
        return value;
    }
}
