package net.ledgerd.testkit;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolsTest {
    @Test
    void findsTheRepositoryRootAndItsInstalledBinaries() {
        Path root = Tools.repoRoot();
        assertTrue(Files.isDirectory(root.resolve("network/bin")), root + " is the repository root");
        assertTrue(Files.isExecutable(Tools.tendermint()));
    }

    @Test
    void aMissingBinaryNamesTheSetupScript(@TempDir Path emptyRepo) {
        var e = assertThrows(IllegalStateException.class, () -> Tools.tendermint(emptyRepo));
        assertTrue(e.getMessage().contains("network/bin/setup"), e.getMessage());
        assertTrue(
                e.getMessage()
                        .contains(emptyRepo.resolve(".tools/bin/tendermint").toString()),
                e.getMessage());
        var f = assertThrows(IllegalStateException.class, () -> Tools.ferretdb(emptyRepo));
        assertTrue(f.getMessage().contains("network/bin/setup"), f.getMessage());
    }

    @Test
    void handsOutDistinctFreePorts() {
        int[] ports = FreePorts.next(5);
        assertEquals(5, java.util.Arrays.stream(ports).distinct().count());
        for (int port : ports) {
            assertFalse(FreePorts.accepts("127.0.0.1", port));
        }
    }
}
