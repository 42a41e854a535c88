package net.ledgerd.tx.compat;

import java.nio.file.Path;
import java.util.List;

/**
 * PyPI bigchaindb-driver 0.6.2 ({@code compat/py/make_txs.py}, {@code compat/py/check_txs.py}) in
 * {@code .tools/pyenv}. Needs {@code transactions/compat/install-drivers}; fails without it.
 */
class PyDriverCompatibilityTest extends DriverCompatibility {
    @Override
    void requireDriver() {
        Drivers.requirePy();
    }

    @Override
    List<String> generatorCommand() {
        return List.of(
                Drivers.python().toString(),
                Drivers.pyDir().resolve("make_txs.py").toString());
    }

    @Override
    List<String> checkerCommand(Path casesFile) {
        return List.of(
                Drivers.python().toString(),
                Drivers.pyDir().resolve("check_txs.py").toString(),
                casesFile.toString());
    }

    /** The Python driver serializes with python-rapidjson exactly as BigchainDB does. */
    @Override
    boolean driverSerializesLikeBigchainDb() {
        return true;
    }
}
