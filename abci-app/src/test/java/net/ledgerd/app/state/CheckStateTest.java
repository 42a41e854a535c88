package net.ledgerd.app.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import net.ledgerd.tx.build.SignedTransaction;
import net.ledgerd.tx.build.TransactionBuilder;
import net.ledgerd.tx.crypto.Ed25519KeyPair;
import net.ledgerd.tx.ledger.LedgerOverlay;
import net.ledgerd.tx.ledger.LedgerView;
import net.ledgerd.tx.validation.Rule;
import net.ledgerd.tx.validation.ValidationException;
import net.ledgerd.tx.validation.ValidationPolicy;
import org.junit.jupiter.api.Test;

/** The check view's bookkeeping over an in-memory committed ledger (its ABCI behaviour is in LedgerApplicationTest). */
class CheckStateTest {
    private final Ed25519KeyPair alice = Ed25519KeyPair.generate();
    private final Ed25519KeyPair bob = Ed25519KeyPair.generate();
    private final AtomicLong now = new AtomicLong();
    private final LedgerOverlay committed = new LedgerOverlay(LedgerView.EMPTY);
    private final CheckState state = new CheckState(committed, now::get, 1_000);

    private SignedTransaction create() {
        return TransactionBuilder.create(alice)
                .asset(java.util.Map.of("n", System.nanoTime()))
                .output(1, alice.publicKeyBase58())
                .sign(alice);
    }

    private SignedTransaction spend(SignedTransaction from, Ed25519KeyPair owner, Ed25519KeyPair to) {
        return TransactionBuilder.transfer(from.transaction(), 0)
                .output(1, to.publicKeyBase58())
                .sign(owner);
    }

    private void admit(SignedTransaction t) throws ValidationException {
        state.admit(t.transaction(), t.id(), ValidationPolicy.MEMPOOL);
    }

    @Test
    void anExpiredEntryFreesItsInputsAndTakesItsChildrenAlong() throws Exception {
        SignedTransaction c = create();
        committed.add(c.transaction());
        SignedTransaction pending = spend(c, alice, bob);
        admit(pending);
        now.set(500);
        admit(spend(pending, bob, alice));
        ValidationException held = assertThrows(ValidationException.class, () -> admit(spend(c, alice, alice)));
        assertEquals(Rule.DOUBLE_SPEND, held.rule());
        now.set(1_001);
        admit(spend(c, alice, alice));
        assertEquals(1, state.size(), "the expired entry and its child are gone; the new spend is pending");
    }

    @Test
    void commitRemovesTheBlocksTransactionsAndKeepsTheRest() throws Exception {
        SignedTransaction c1 = create();
        SignedTransaction c2 = create();
        admit(c1);
        admit(c2);
        admit(spend(c2, alice, bob));
        committed.add(c1.transaction());
        state.committed(Set.of(c1.id()), List.of(c1.transaction()));
        assertEquals(2, state.size());
        assertEquals(true, state.contains(c2.id()));
    }
}
