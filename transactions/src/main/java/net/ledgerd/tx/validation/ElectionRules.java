package net.ledgerd.tx.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import net.ledgerd.tx.model.Input;
import net.ledgerd.tx.model.Operation;
import net.ledgerd.tx.model.Output;
import net.ledgerd.tx.model.Transaction;

/**
 * What BigchainDB 2.2.2's {@code Election.validate} and {@code ValidatorElection.validate} check
 * after the CREATE-like duplicate and signature checks: one initiator, who is a current validator;
 * one vote-token output per validator with its power; for a validator election a new power below a
 * third of the total.
 */
final class ElectionRules {
    private ElectionRules() {}

    static void validate(Transaction tx, Map<String, Long> validators) throws ValidationException {
        if (tx.inputs().size() != 1 || tx.inputs().get(0).ownersBefore().size() != 1) {
            throw new ValidationException(
                    Rule.MULTIPLE_INPUTS,
                    "an election has one input whose owners_before is exactly the initiating validator's key");
        }
        Input in = tx.inputs().get(0);
        String initiator = in.ownersBefore().get(0);
        if (!validators.containsKey(initiator)) {
            throw new ValidationException(
                    Rule.INVALID_PROPOSER,
                    "the initiator " + initiator
                            + " is not a current validator; only a validator may start an election",
                    "Public key is not a part of the validator set");
        }
        Map<String, Long> voters = new HashMap<>();
        for (Output o : tx.outputs()) {
            if (o.publicKeys().size() != 1) {
                throw unequal("an output holds " + o.publicKeys().size()
                        + " public keys; each vote token goes to one validator");
            }
            voters.put(o.publicKeys().get(0), o.amount());
        }
        if (!voters.equals(validators)) {
            throw unequal("the outputs give " + voters + " but the current validators and powers are " + validators);
        }
        if (tx.operation() == Operation.VALIDATOR_ELECTION) {
            validatePower(tx.assetData().get("power"), validators);
        }
    }

    /**
     * {@code power >= (1/3) * sum(powers)} in Python: a float third of the total, compared exactly
     * with the JSON number.
     */
    private static void validatePower(JsonNode power, Map<String, Long> validators) throws ValidationException {
        if (!power.isNumber() && !power.isBoolean()) {
            // 2.2.2 fails with a TypeError comparing it (a boolean compares as 0 or 1)
            throw SchemaV2.fail("$.asset.data.power", SchemaV2.describe(power) + " is not a number");
        }
        long total = 0;
        for (long p : validators.values()) {
            total += p;
        }
        double third = (1.0 / 3.0) * (double) total;
        BigDecimal exact = power.isBoolean()
                ? (power.booleanValue() ? BigDecimal.ONE : BigDecimal.ZERO)
                : power.isIntegralNumber()
                        ? new BigDecimal(power.bigIntegerValue())
                        : new BigDecimal(power.doubleValue());
        if (exact.compareTo(new BigDecimal(third)) >= 0) {
            throw new ValidationException(
                    Rule.INVALID_POWER_CHANGE,
                    "power " + power + " is not below a third of the total voting power " + total
                            + "; change a validator by less than 1/3 of the power per election");
        }
    }

    private static ValidationException unequal(String why) {
        // 2.2.2's own words, typo included, are what its HTTP API answers
        return new ValidationException(
                Rule.UNEQUAL_VALIDATOR_SET, why, "Validator set much be exactly same to the outputs of election");
    }
}
