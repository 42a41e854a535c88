package net.ledgerd.bench.workload;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A signed workload kept on disk, so that repeated runs against new chains skip the signing (minutes on a busy
 * two-core machine). A chain that has already seen these transactions refuses them as duplicates: only reuse a file
 * against new chains, as network/bin/bench does.
 */
public final class WorkloadFile {
    private static final int MAGIC = 0x4c424e31; // "LBN1"

    private WorkloadFile() {}

    public static void write(Path file, Workload w) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
            out.writeInt(MAGIC);
            out.writeInt(w.creates().size());
            out.writeInt(w.transfers().size());
            for (int i = 0; i < w.size(); i++) {
                BenchTx tx = w.get(i);
                out.writeInt(tx.parent());
                out.writeUTF(tx.id());
                out.writeInt(tx.json().length);
                out.write(tx.json());
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static Workload read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != MAGIC) {
                throw new IOException(file + " is not a benchmark workload file");
            }
            int creates = in.readInt();
            int transfers = in.readInt();
            List<BenchTx> c = new ArrayList<>(creates);
            List<BenchTx> t = new ArrayList<>(transfers);
            for (int i = 0; i < creates + transfers; i++) {
                int parent = in.readInt();
                String id = in.readUTF();
                byte[] json = new byte[in.readInt()];
                in.readFully(json);
                if (i < creates) {
                    c.add(new BenchTx(i, BenchTx.Kind.CREATE, parent, id, json));
                } else {
                    t.add(new BenchTx(i, BenchTx.Kind.TRANSFER, parent, id, json));
                }
            }
            return Workload.of(c, t);
        }
    }
}
