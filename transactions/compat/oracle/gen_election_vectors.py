#!/usr/bin/env python3
"""Dev-time generator of election and vote verdict vectors from BigchainDB 2.2.2 itself.

Builds VALIDATOR_ELECTION, CHAIN_MIGRATION_ELECTION and VOTE transactions with 2.2.2's own
classes (ValidatorElection.generate, ChainMigrationElection.generate, Vote.generate), mutates
them (re-signing, so that only the mutated rule can fail), and has judge_elections.py judge each
in a fresh process against a ledger of four validators (power 10 each). One JSON object per line:

  {"name", "tx", "spent", "validators", "committed", "spent_outputs",
   "verdict": "valid" | "<BigchainDB exception class>" | "crash:<Python exception class>"}

Run with the 2.2.2 virtualenv network/bin/install-bigchaindb makes:
  .tools/bigchaindb-venv/bin/python transactions/compat/oracle/gen_election_vectors.py \
      transactions/src/test/resources/vectors/elections.jsonl
"""
import base64
import copy
import json
import os
import subprocess
import sys
from hashlib import sha3_256

import base58
import nacl.signing
import bigchaindb  # noqa: F401  (registers the election and vote classes)
from bigchaindb.common.utils import serialize
from bigchaindb.elections.vote import Vote
from bigchaindb.migrations.chain_migration_election import ChainMigrationElection
from bigchaindb.upsert_validator import ValidatorElection
from cryptoconditions import Ed25519Sha256, ThresholdSha256


class Key:
    def __init__(self, i):
        sk = nacl.signing.SigningKey(bytes([i]) * 32)
        self.sk = bytes(sk)
        self.raw = bytes(sk.verify_key)
        self.private_key = base58.b58encode(self.sk).decode()
        self.public_key = base58.b58encode(self.raw).decode()


A, B, C, D, E, N = (Key(i) for i in (21, 22, 23, 24, 25, 26))
VALIDATORS = [[k.public_key, 10] for k in (A, B, C, D)]
RECIPIENTS = [([k.public_key], 10) for k in (A, B, C, D)]

records = []


def add(name, tx, spent=(), committed=False, spent_outputs=(), raw=None):
    records.append({'name': name, 'tx': raw or json.dumps(tx), 'spent': [json.dumps(s) for s in spent],
                    'validators': VALIDATORS, 'committed': committed, 'spent_outputs': list(spent_outputs)})


def ed(pk):
    return {'type': 'ed25519-sha-256', 'public_key': pk}


def condition_uri(details):
    if details['type'] == 'ed25519-sha-256':
        return Ed25519Sha256(public_key=base58.b58decode(details['public_key'])).condition_uri
    t = ThresholdSha256(threshold=details['threshold'])
    for s in details['subconditions']:
        t.add_subcondition(Ed25519Sha256(public_key=base58.b58decode(s['public_key'])).condition_uri)
    return t.condition_uri


def sign(d, details, keys):
    """Re-signs every input of d for the given details (one per input) with keys, then the id."""
    out = json.loads(json.dumps(d))
    for i in out['inputs']:
        i['fulfillment'] = None
    out['id'] = None
    message = serialize(out)
    by_pk = {k.public_key: k for k in keys}
    for inp, det in zip(out['inputs'], details):
        h = sha3_256(message.encode())
        if inp['fulfills']:
            h.update('{}{}'.format(inp['fulfills']['transaction_id'], inp['fulfills']['output_index']).encode())
        if det['type'] == 'ed25519-sha-256':
            f = Ed25519Sha256(public_key=base58.b58decode(det['public_key']))
            f.sign(h.digest(), by_pk[det['public_key']].sk)
        else:
            f = ThresholdSha256(threshold=det['threshold'])
            for s in det['subconditions']:
                sf = Ed25519Sha256(public_key=base58.b58decode(s['public_key']))
                sf.sign(h.digest(), by_pk[s['public_key']].sk)
                f.add_subfulfillment(sf)
        inp['fulfillment'] = f.serialize_uri()
    out['id'] = None
    out['id'] = sha3_256(serialize(out).encode()).hexdigest()
    return out


def upsert_data(key=N, power=1, node_id='node-n', enc='ed25519-base16'):
    value = {'ed25519-base16': key.raw.hex().upper(),
             'ed25519-base32': base64.b32encode(key.raw).decode(),
             'ed25519-base64': base64.b64encode(key.raw).decode()}[enc]
    return {'public_key': {'value': value, 'type': enc}, 'power': power, 'node_id': node_id}


def election(data=None, initiator=A, recipients=RECIPIENTS):
    e = ValidatorElection.generate([initiator.public_key], recipients, data or upsert_data())
    return e.sign([initiator.private_key]).to_dict()


def edit(tx, fn, signer=A, details=None):
    d = copy.deepcopy(tx)
    fn(d)
    return sign(d, details or [ed(signer.public_key)], [signer])


def data_edit(fn):
    return lambda d: fn(d['asset']['data'])


# ---- validator elections
ve = election()
add('ve_valid', ve)
add('ve_power_0_removes', election(upsert_data(power=0)))
add('ve_power_13_below_a_third', election(upsert_data(power=13)))
add('ve_power_14_a_third_or_more', election(upsert_data(power=14)))
add('ve_power_float_13_3', edit(ve, data_edit(lambda x: x.__setitem__('power', 13.3))))
add('ve_power_float_13_34', edit(ve, data_edit(lambda x: x.__setitem__('power', 13.34))))
add('ve_power_negative', edit(ve, data_edit(lambda x: x.__setitem__('power', -5))))
add('ve_power_huge', edit(ve, data_edit(lambda x: x.__setitem__('power', 10 ** 30))))
add('ve_power_string', edit(ve, data_edit(lambda x: x.__setitem__('power', '1'))))
add('ve_power_null', edit(ve, data_edit(lambda x: x.__setitem__('power', None))))
add('ve_power_true', edit(ve, data_edit(lambda x: x.__setitem__('power', True))))
add('ve_base32_key', election(upsert_data(enc='ed25519-base32')))
add('ve_base64_key', election(upsert_data(enc='ed25519-base64')))
add('ve_base16_lowercase', edit(ve, data_edit(lambda x: x['public_key'].__setitem__('value', N.raw.hex()))))
add('ve_base16_31_bytes', edit(ve, data_edit(lambda x: x['public_key'].__setitem__('value', N.raw.hex().upper()[:62]))))
add('ve_base16_odd_length', edit(ve, data_edit(lambda x: x['public_key'].__setitem__('value', N.raw.hex().upper()[:63]))))
b64 = base64.b64encode(N.raw).decode()
b64_data = upsert_data(enc='ed25519-base64')
for name, value in [('ve_base64_no_padding', b64.rstrip('=')),
                    ('ve_base64_junk_inside', b64[:10] + '!!**' + b64[10:]),
                    ('ve_base64_spaces', ' '.join(b64[i:i + 4] for i in range(0, len(b64), 4))),
                    ('ve_base64_pad_in_middle', b64[:20] + '=' + b64[20:]),
                    ('ve_base64_two_pads_in_middle', b64[:22] + '==' + b64[22:]),
                    ('ve_base64_trailing_data', b64 + 'AAAA'),
                    ('ve_base64_33_bytes', base64.b64encode(N.raw + b'x').decode()),
                    ('ve_base64_non_ascii', b64[:10] + '\u00e9' + b64[10:])]:
    add(name, edit(ve, lambda d, v=value: d['asset']['data'].update(public_key={'value': v, 'type': 'ed25519-base64'})))
b32 = base64.b32encode(N.raw).decode()
for name, value in [('ve_base32_lowercase', b32.lower()),
                    ('ve_base32_no_padding', b32.rstrip('=')),
                    ('ve_base32_extra_padding', b32 + '========')]:
    add(name, edit(ve, lambda d, v=value: d['asset']['data'].update(public_key={'value': v, 'type': 'ed25519-base32'})))
add('ve_key_type_unknown', edit(ve, data_edit(lambda x: x['public_key'].__setitem__('type', 'ed25519-hex'))))
add('ve_extra_data_key', edit(ve, data_edit(lambda x: x.__setitem__('comment', 'x'))))
add('ve_missing_node_id', edit(ve, data_edit(lambda x: x.pop('node_id'))))
add('ve_node_id_number', edit(ve, data_edit(lambda x: x.__setitem__('node_id', 7))))
add('ve_node_id_any_text', edit(ve, data_edit(lambda x: x.__setitem__('node_id', 'not a tendermint id'))))
add('ve_no_seed', edit(ve, data_edit(lambda x: x.pop('seed'))))
add('ve_data_null', edit(ve, lambda d: d['asset'].__setitem__('data', None)))
add('ve_metadata', edit(ve, lambda d: d.__setitem__('metadata', {'note': 'add N'})))
add('ve_metadata_dollar_key', edit(ve, lambda d: d.__setitem__('metadata', {'$note': 'add N'})))
add('ve_by_non_validator', election(initiator=E))
add('ve_signed_by_non_validator', edit(ve, lambda d: None, signer=E))
bad = copy.deepcopy(ve)
bad['inputs'][0]['fulfillment'] = edit(ve, data_edit(lambda x: x.__setitem__('power', 2)))['inputs'][0]['fulfillment']
bad['id'] = None
bad['id'] = sha3_256(serialize(bad).encode()).hexdigest()
add('ve_signature_of_another_body', bad)
two = copy.deepcopy(ve)
two['inputs'][0]['owners_before'] = [A.public_key, B.public_key]
two = sign(two, [{'type': 'threshold-sha-256', 'threshold': 2, 'subconditions': [ed(A.public_key), ed(B.public_key)]}], [A, B])
add('ve_two_initiators', two)
add('ve_unequal_power', election(recipients=RECIPIENTS[:3] + [([D.public_key], 9)]))
add('ve_missing_validator', election(recipients=RECIPIENTS[:3]))
add('ve_extra_voter', election(recipients=RECIPIENTS + [([E.public_key], 10)]))
add('ve_validator_output_twice', election(recipients=[([A.public_key], 5)] + RECIPIENTS))
add('ve_output_two_keys', edit(ve, lambda d: d['outputs'][0].__setitem__('public_keys', [A.public_key, B.public_key])))
add('ve_threshold_output', edit(ve, lambda d: d['outputs'][0]['condition'].update(
    details={'type': 'threshold-sha-256', 'threshold': 1, 'subconditions': [ed(A.public_key)]},
    uri=condition_uri({'type': 'threshold-sha-256', 'threshold': 1, 'subconditions': [ed(A.public_key)]}))))
add('ve_already_committed', ve, committed=True)
add('ve_operation_create_schema', edit(ve, lambda d: d.__setitem__('operation', 'CREATE')))

# ---- chain migration elections
cm = ChainMigrationElection.generate([A.public_key], RECIPIENTS, {}).sign([A.private_key]).to_dict()
add('cm_valid', cm)
add('cm_data_null', edit(cm, lambda d: d['asset'].__setitem__('data', None)))
add('cm_data_empty', edit(cm, lambda d: d['asset'].__setitem__('data', {})))
add('cm_extra_data_key', edit(cm, data_edit(lambda x: x.__setitem__('power', 1))))
add('cm_seed_number', edit(cm, data_edit(lambda x: x.__setitem__('seed', 1))))
add('cm_by_non_validator', edit(cm, lambda d: d['inputs'][0].__setitem__('owners_before', [E.public_key]), signer=E))
add('cm_missing_validator', ChainMigrationElection.generate([A.public_key], RECIPIENTS[1:], {}).sign([A.private_key]).to_dict())

# ---- votes (the election committed)
election_pk = base58.b58encode(bytes.fromhex(ve['id'])).decode()


def vote(voter=B, to=None, amount=10, spent=ve, index=None):
    idx = [i for i, o in enumerate(spent['outputs']) if voter.public_key in o['public_keys']] if index is None else [index]
    inputs = [i for i in ValidatorElection.from_dict(spent).to_inputs() if i.fulfills.output in idx]
    v = Vote.generate(inputs, [([to or election_pk], amount)], spent['id'])
    return v.sign([voter.private_key]).to_dict()


vt = vote()
add('vote_valid', vt, spent=[ve])
add('vote_to_another_key', vote(to=C.public_key), spent=[ve])
add('vote_split_in_two', edit(vt, lambda d: d.__setitem__('outputs', [
    dict(d['outputs'][0], amount='4'), dict(d['outputs'][0], amount='6')]), signer=B), spent=[ve])
add('vote_amount_too_big', edit(vt, lambda d: d['outputs'][0].__setitem__('amount', '11'), signer=B), spent=[ve])
add('vote_signed_by_other_validator', edit(vt, lambda d: None, signer=C), spent=[ve])
add('vote_of_someone_elses_tokens', edit(vt, lambda d: d['inputs'][0].__setitem__('owners_before', [C.public_key]),
                                        signer=C), spent=[ve])
add('vote_already_spent', vt, spent=[ve], spent_outputs=[[ve['id'], 1]])
add('vote_election_missing', vt, spent=[])
add('vote_output_index_past_end', edit(vt, lambda d: d['inputs'][0]['fulfills'].__setitem__('output_index', 9),
                                       signer=B), spent=[ve])
add('vote_asset_id_other', edit(vt, lambda d: d['asset'].__setitem__('id', cm['id']), signer=B), spent=[ve])
add('vote_threshold_output', edit(vt, lambda d: d['outputs'][0]['condition'].update(
    details={'type': 'threshold-sha-256', 'threshold': 1, 'subconditions': [ed(election_pk)]},
    uri=condition_uri({'type': 'threshold-sha-256', 'threshold': 1, 'subconditions': [ed(election_pk)]})),
    signer=B), spent=[ve])
add('vote_metadata', edit(vt, lambda d: d.__setitem__('metadata', {'approve': True}), signer=B), spent=[ve])
add('vote_operation_transfer', edit(vt, lambda d: d.__setitem__('operation', 'TRANSFER'), signer=B), spent=[ve])
add('vote_fulfills_null', edit(vt, lambda d: d['inputs'][0].__setitem__('fulfills', None), signer=B), spent=[ve])
created = edit({'inputs': [{'owners_before': [B.public_key], 'fulfills': None, 'fulfillment': None}],
                'outputs': [{'public_keys': [B.public_key], 'amount': '10',
                             'condition': {'details': ed(B.public_key), 'uri': condition_uri(ed(B.public_key))}}],
                'operation': 'CREATE', 'asset': {'data': {'x': 1}}, 'metadata': None, 'version': '2.0', 'id': None},
               lambda d: None, signer=B)
add('vote_of_an_ordinary_asset', edit(vt, lambda d: (d['inputs'][0]['fulfills'].update(
    transaction_id=created['id'], output_index=0), d['asset'].__setitem__('id', created['id'])), signer=B),
    spent=[created])
transfer = edit(vt, lambda d: d.__setitem__('operation', 'TRANSFER'), signer=B)
add('transfer_of_vote_tokens', transfer, spent=[ve])

judge = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'judge_elections.py')
judged = subprocess.run([sys.executable, judge], input=''.join(json.dumps(r) + '\n' for r in records),
                        stdout=subprocess.PIPE, universal_newlines=True, check=True, timeout=600).stdout
records = [json.loads(line) for line in judged.splitlines()]
with open(sys.argv[1], 'w', encoding='utf-8') as out:
    for r in records:
        out.write(json.dumps(r) + '\n')
for r in records:
    print('%-40s %s' % (r['name'], r['verdict']))
