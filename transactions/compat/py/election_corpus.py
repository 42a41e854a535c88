"""The 'elections' family of the differential corpus (make_corpus.py): validator elections,
chain migration and votes, played against the validator set DifferentialTest's InitChain gives
both servers (VALIDATOR_SEEDS, power 10 each).

BigchainDB 2.2.2's rules (bigchaindb/elections/, upsert_validator/, migrations/): an election is
a CREATE-like transaction of a current validator with one vote-token output per validator (its
power); a VOTE is a TRANSFER of vote tokens to the election's public key (base58 of the id bytes);
EndBlock concludes an election when this block's votes bring it to 2/3 of its power, once per
block for a validator change, never after the validator set changed since it started.
"""
import copy

import base58
import nacl.signing

# DifferentialTest's InitChain: these four, power 10 each (Lockstep.VALIDATOR_SEEDS)
VALIDATOR_SEEDS = [bytes([0xA1 + i]) * 32 for i in range(4)]
POWER = 10


class FixedKey:
    def __init__(self, seed):
        sk = nacl.signing.SigningKey(seed)
        self.sk = bytes(sk)
        self.raw_pk = bytes(sk.verify_key)
        self.pk = base58.b58encode(self.raw_pk).decode()


def election_pk(election_id):
    return base58.b58encode(bytes.fromhex(election_id)).decode()


def add_family(c, m, first_round):
    """Adds the family in six consecutive rounds from first_round, after every other family: no
    solo block comes between them (2.2.2's Commit crashes on some solo items, and its election
    rules read the latest stored block). m is make_corpus (sign, output, ed, threshold, create)."""
    v = [FixedKey(s) for s in VALIDATOR_SEEDS]
    outsider, new_n, new_m, new_q = (FixedKey(bytes([0xB1 + i]) * 32) for i in range(4))
    fam = 'elections'

    def election(op, initiator, data, powers=None, signers=None, owners=None):
        powers = powers if powers is not None else [(k.pk, POWER) for k in v]
        owners = owners or [initiator]
        body = {'inputs': [{'owners_before': [k.pk for k in owners], 'fulfills': None, 'fulfillment': None}],
                'outputs': [m.output(m.ed(pk), str(p)) for pk, p in powers],
                'operation': op, 'asset': {'data': data}, 'metadata': None, 'version': '2.0', 'id': None}
        signers = signers or owners
        spec = m.ed(signers[0].pk) if len(signers) == 1 else m.threshold(len(signers), [m.ed(k.pk) for k in signers])
        return m.sign(body, [spec], signers)

    def upsert(initiator, key, power, seed, **kw):
        data = {'public_key': {'value': key.raw_pk.hex().upper(), 'type': 'ed25519-base16'},
                'power': power, 'node_id': 'node-' + seed, 'seed': seed}
        return election('VALIDATOR_ELECTION', initiator, data, **kw)

    def vote(elec, voter, to=None, signer=None):
        idx = [i for i, o in enumerate(elec['outputs']) if voter.pk in o['public_keys']]
        amount = elec['outputs'][idx[0]]['amount']
        body = {'inputs': [{'owners_before': [voter.pk],
                            'fulfills': {'transaction_id': elec['id'], 'output_index': i}, 'fulfillment': None}
                           for i in idx],
                'outputs': [m.output(m.ed(to or election_pk(elec['id'])), amount)],
                'operation': 'VOTE', 'asset': {'id': elec['id']}, 'metadata': None, 'version': '2.0', 'id': None}
        signer = signer or voter
        return m.sign(body, [m.ed(signer.pk)] * len(idx), [signer])

    r0, r1, r2, f0, f1, f2 = range(first_round, first_round + 6)

    # ---- round 0: elections started (total power 40: a change must stay below 13.33)
    e_add = upsert(v[0], new_n, 5, 'add-n')
    c.add(r0, fam, 'validator_election_add', e_add)
    c.add(r0, fam, 'validator_election_add_again_same_block', e_add)
    e_add2 = upsert(v[1], new_m, 1, 'add-m')
    c.add(r0, fam, 'validator_election_add_second', e_add2)
    e_rm = upsert(v[2], v[3], 0, 'remove-v4')
    c.add(r0, fam, 'validator_election_remove', e_rm)
    c.add(r0, fam, 'validator_election_power_13_below_a_third', upsert(v[0], new_q, 13, 'p13'))
    c.add(r0, fam, 'validator_election_power_14_too_big', upsert(v[0], new_q, 14, 'p14'))
    c.add(r0, fam, 'validator_election_by_non_validator', upsert(outsider, new_q, 1, 'outsider'))
    c.add(r0, fam, 'validator_election_outputs_not_the_powers',
          upsert(v[0], new_q, 1, 'unequal', powers=[(k.pk, POWER if i < 3 else 9) for i, k in enumerate(v)]))
    c.add(r0, fam, 'validator_election_missing_a_validator',
          upsert(v[0], new_q, 1, 'missing', powers=[(k.pk, POWER) for k in v[:3]]))
    c.add(r0, fam, 'validator_election_two_initiators', upsert(v[0], new_q, 1, 'two', owners=[v[0], v[1]]))
    lower = upsert(v[0], new_q, 1, 'lower')
    lower['asset']['data']['public_key']['value'] = new_q.raw_pk.hex()
    c.add(r0, fam, 'validator_election_lowercase_hex_key', m.sign(lower, [m.ed(v[0].pk)], [v[0]]))
    b64 = upsert(v[0], new_q, 1, 'b64')
    b64['asset']['data']['public_key'] = {'value': __import__('base64').b64encode(new_q.raw_pk).decode(),
                                          'type': 'ed25519-base64'}
    c.add(r0, fam, 'validator_election_base64_key', m.sign(b64, [m.ed(v[0].pk)], [v[0]]))
    short = upsert(v[0], new_q, 1, 'short')
    short['asset']['data']['public_key']['value'] = new_q.raw_pk.hex().upper()[:62]
    c.add(r0, fam, 'validator_election_key_31_bytes', m.sign(short, [m.ed(v[0].pk)], [v[0]]))
    extra = upsert(v[0], new_q, 1, 'extra')
    extra['asset']['data']['comment'] = 'x'
    c.add(r0, fam, 'validator_election_extra_data_key', m.sign(extra, [m.ed(v[0].pk)], [v[0]]))
    c.add(r0, fam, 'validator_election_signed_by_non_validator',
          upsert(v[0], new_q, 1, 'forged', signers=[outsider]))
    e_mig_early = election('CHAIN_MIGRATION_ELECTION', v[1], {'seed': 'early'})
    c.add(r0, fam, 'chain_migration_started_before_a_change', e_mig_early)

    # ---- round 1: votes (20 of 40 for e_add and e_add2), and an election voted in its own block
    c.add(r1, fam, 'vote_add_by_v1', vote(e_add, v[0]))
    c.add(r1, fam, 'vote_add_by_v2', vote(e_add, v[1]))
    c.add(r1, fam, 'vote_add2_by_v1', vote(e_add2, v[0]))
    c.add(r1, fam, 'vote_add2_by_v2', vote(e_add2, v[1]))
    c.add(r1, fam, 'vote_add_by_v3_to_its_own_key', vote(e_add, v[2], to=v[2].pk))
    c.add(r1, fam, 'vote_add_by_v4_forged_by_v1', vote(e_add, v[3], signer=v[0]))
    c.add(r1, fam, 'vote_remove_by_v4', vote(e_rm, v[3]))
    e_same = upsert(v[0], new_q, 2, 'same-block')
    c.add(r1, fam, 'validator_election_voted_in_its_block', e_same)
    for i in range(3):
        c.add(r1, fam, 'vote_same_block_by_v%d' % (i + 1), vote(e_same, v[i]))

    # ---- round 2: V4's vote concludes e_add (30 counted); e_add2 reaches 30 too but a change is
    # already assigned in this block
    c.add(r2, fam, 'vote_add_by_v4_concludes', vote(e_add, v[3]))
    c.add(r2, fam, 'vote_add2_by_v4_second_change_same_block', vote(e_add2, v[3]))
    c.add(r2, fam, 'vote_add_by_v1_replayed', vote(e_add, v[0]))
    c.add(r2, fam, 'vote_remove_by_v1', vote(e_rm, v[0]))
    c.add(r2, fam, 'vote_same_block_by_v4_after_commit', vote(e_same, v[3]))

    # ---- the set changed (N joined with 5: total 45 from the next block); the removal of V4 still
    # concludes in the next block (2.2.2 compares with the change stored up to the last block)
    powers = [(k.pk, POWER) for k in v] + [(new_n.pk, 5)]
    e_mig = election('CHAIN_MIGRATION_ELECTION', v[0], {'seed': 'migrate'}, powers=powers)
    c.add(f0, fam, 'chain_migration_election', e_mig)
    c.add(f0, fam, 'vote_remove_by_v2_after_the_change', vote(e_rm, v[1]))
    c.add(f0, fam, 'vote_add2_by_v3_after_the_change', vote(e_add2, v[2]))
    c.add(f0, fam, 'vote_early_migration_by_v1', vote(e_mig_early, v[0]))
    c.add(f0, fam, 'validator_election_with_old_powers', upsert(v[0], new_q, 1, 'old-powers'))
    # 30 of 45 is exactly (2/3) * 45: concluded
    for i in range(3):
        c.add(f1, fam, 'vote_migration_by_v%d' % (i + 1), vote(e_mig, v[i]))
    c.add(f1, fam, 'vote_early_migration_by_v2', vote(e_mig_early, v[1]))
    c.add(f2, fam, 'create_after_migration',
          m.create([v[0]], [m.output(m.ed(v[0].pk), '1')], {'after': 'migration'}))
    c.add(f2, fam, 'vote_migration_by_n_after_conclusion', vote(e_mig, new_n))
