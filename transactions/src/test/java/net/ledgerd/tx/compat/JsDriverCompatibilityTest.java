package net.ledgerd.tx.compat;

import java.nio.file.Path;
import java.util.List;

/**
 * npm bigchaindb-driver 4.3.0 ({@code compat/js/make-txs.js}, {@code compat/js/check-txs.js}).
 * Needs {@code transactions/compat/install-drivers}; fails without it.
 */
class JsDriverCompatibilityTest extends DriverCompatibility {
    @Override
    void requireDriver() {
        Drivers.requireJs();
    }

    @Override
    List<String> generatorCommand() {
        return List.of("node", Drivers.jsDir().resolve("make-txs.js").toString());
    }

    @Override
    List<String> checkerCommand(Path casesFile) {
        return List.of("node", Drivers.jsDir().resolve("check-txs.js").toString(), casesFile.toString());
    }

    /** JSON.stringify escapes control characters in lower case, sorts keys by UTF-16 unit, and
     * writes small floats as 1e-7: BigchainDB 2.2.2 rejects such transactions from this driver. */
    @Override
    boolean driverSerializesLikeBigchainDb() {
        return false;
    }

    /** The JS-made transactions the driver serializes unlike BigchainDB are also rejected by the
     * Python reference serializer (python-rapidjson, as in BigchainDB 2.2.2). */
    @org.junit.jupiter.api.Test
    void pythonReferenceAgreesOnWhichJsTransactionsBigchainDbRejects() throws Exception {
        Drivers.requirePy();
        List<Drivers.Checked> list = new java.util.ArrayList<>();
        for (Case c : driverCases()) {
            list.add(new Drivers.Checked(c.name(), c.tx(), c.spentOutputs()));
        }
        var verdicts = Drivers.runJson(List.of(
                Drivers.python().toString(),
                Drivers.pyDir().resolve("check_txs.py").toString(),
                Drivers.writeCases(list).toString()));
        java.util.Map<String, String> disagree = new java.util.LinkedHashMap<>();
        for (Case c : driverCases()) {
            String v = verdicts.path(c.name()).asText("missing");
            boolean refValid = v.equals("valid");
            if (refValid != c.expect().equals("valid")) {
                disagree.put(c.name(), "make-txs.js expects " + c.expect() + ", the Python reference says " + v);
            }
        }
        org.junit.jupiter.api.Assertions.assertEquals(java.util.Map.of(), disagree);
    }
}
