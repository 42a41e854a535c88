#!/usr/bin/env python3
"""The differential corpus: many transactions, valid, invalid and odd, for the test that sends the
same blocks to BigchainDB 2.2.2 and to ledgerd (abci-app DifferentialTest).

    make_corpus.py --seed 1 --batches 4 > corpus.jsonl

Each output line is one item: {"round", "family", "name", "source", "raw", "id", "solo"}.
"raw" is the exact text sent as the transaction (mutations need spellings a JSON library would
not write: odd numbers, duplicate keys, whitespace); "round" the block it belongs to (a TRANSFER
goes in a later round than what it spends unless its family is about spending what is not
committed yet); "solo" items get a block of their own after their round's block; "id" is the id
as Python reads the text (null when there is none); "source" says who made it: the official
Python driver (py, via make_txs.driver_cases), the official JavaScript driver (js, make-txs.js)
or a mutation signed here (mutation). A batch is three rounds; every batch draws new keys and
values from random.Random(seed/batch), so the corpus is the same for the same arguments.

Signing here follows BigchainDB 2.2.2 (bigchaindb/common/transaction.py, _inputs_valid): the
message is the transaction as received (tx_dict, not the to_dict() form) serialized with every
fulfillment and the id set to None; a TRANSFER input appends the spent transaction id and output
index. The id is the SHA3-256 of the body as parsed from "raw", serialized by python-rapidjson
with sorted keys. Variants signed over the to_dict() form instead (amounts as str(int), uris
recomputed from details) are named "*_normmsg".
"""
import argparse
import copy
import json
import os
import random
import subprocess
import sys
from hashlib import sha3_256

import base58
import nacl.signing
import rapidjson
from bigchaindb_driver.common.transaction import _fulfillment_from_details, _fulfillment_to_details
from cryptoconditions import Ed25519Sha256, PreimageSha256, ThresholdSha256

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_txs  # noqa: E402  (the Python driver's cases, reused with a nonce per batch)
import election_corpus  # noqa: E402  (the elections family)

HERE = os.path.dirname(os.path.abspath(__file__))
MAX_AMOUNT = 9 * 10 ** 18


def serialize(value):
    return rapidjson.dumps(value, skipkeys=False, ensure_ascii=False, sort_keys=True)


def tx_id(body):
    b = copy.deepcopy(body)
    b['id'] = None
    return sha3_256(serialize(b).encode()).hexdigest()


class Key:
    def __init__(self, rng):
        sk = nacl.signing.SigningKey(bytes(rng.getrandbits(8) for _ in range(32)))
        self.sk = bytes(sk)
        self.pk = base58.b58encode(bytes(sk.verify_key)).decode()


def ed(pk):
    return {'type': 'ed25519-sha-256', 'public_key': pk}


def threshold(n, subs):
    return {'type': 'threshold-sha-256', 'threshold': n, 'subconditions': subs}


def uri_of(details):
    return _fulfillment_from_details(details).condition_uri


def output(details, amount, public_keys=None, uri=None):
    if public_keys is None:
        public_keys = keys_in(details)
    return {'condition': {'details': details, 'uri': uri or uri_of(details)},
            'public_keys': public_keys, 'amount': amount}


def keys_in(details):
    if details['type'] == 'ed25519-sha-256':
        return [details['public_key']]
    return [k for s in details['subconditions'] for k in keys_in(s)]


def server_form(body):
    """The body as 2.2.2's Transaction.from_dict(...).to_dict() gives it, as far as it parses."""
    f = {k: copy.deepcopy(body.get(k)) for k in ('inputs', 'outputs', 'operation', 'metadata', 'asset', 'version', 'id')}
    for o in f['outputs'] or []:
        try:
            o['amount'] = str(int(o['amount']))
        except (ValueError, TypeError, KeyError):
            pass
        try:
            ful = _fulfillment_from_details(o['condition']['details'])
            o['condition'] = {'details': _fulfillment_to_details(ful), 'uri': ful.condition_uri}
        except Exception:  # noqa: BLE001 - an unparsable condition stays as written
            pass
    for i in f['inputs'] or []:
        if isinstance(i.get('fulfills'), dict):
            i['fulfills'] = {'transaction_id': i['fulfills'].get('transaction_id'),
                             'output_index': i['fulfills'].get('output_index')}
    return f


def fulfil(details, digest, keys):
    """A fulfillment of details signed by whichever of keys fit (threshold: up to its threshold)."""
    if details['type'] == 'ed25519-sha-256':
        k = keys.get(details['public_key'])
        if k is None:
            return None
        f = Ed25519Sha256(public_key=base58.b58decode(details['public_key']))
        f.sign(digest, k.sk)
        return f
    t = ThresholdSha256(threshold=details['threshold'])
    n = 0
    for sub in details['subconditions']:
        sf = fulfil(sub, digest, keys) if n < details['threshold'] else None
        if sf is not None:
            t.add_subfulfillment(sf)
            n += 1
        else:
            t.add_subcondition(_fulfillment_from_details(sub).condition)
    return t if n >= details['threshold'] else None


def sign(body, spec, keys, normalized=False):
    """Signs input i for spec[i] (details) with keys; sets the id. Returns the body."""
    msg_body = copy.deepcopy(server_form(body) if normalized else body)
    for i in msg_body['inputs']:
        i['fulfillment'] = None
    msg_body['id'] = None
    message = serialize(msg_body)
    by_pk = {k.pk: k for k in keys}
    for inp, details in zip(body['inputs'], spec):
        h = sha3_256(message.encode())
        if inp.get('fulfills'):
            h.update('{}{}'.format(inp['fulfills']['transaction_id'], inp['fulfills']['output_index']).encode())
        f = fulfil(details, h.digest(), by_pk)
        if f is None:
            raise ValueError('keys cannot fulfil ' + json.dumps(details))
        inp['fulfillment'] = f.serialize_uri()
    body['id'] = tx_id(body)
    return body


def create_body(issuers, outputs, data, metadata, asset='data'):
    owners = [k.pk for k in issuers]
    return {'inputs': [{'owners_before': owners, 'fulfills': None, 'fulfillment': None}],
            'outputs': outputs, 'operation': 'CREATE',
            'asset': {'data': data} if asset == 'data' else asset,
            'metadata': metadata, 'version': '2.0', 'id': None}


def issuer_details(issuers):
    return ed(issuers[0].pk) if len(issuers) == 1 else threshold(len(issuers), [ed(k.pk) for k in issuers])


def create(issuers, outputs, data, metadata=None):
    return sign(create_body(issuers, outputs, data, metadata), [issuer_details(issuers)], issuers)


def transfer_body(spent, indexes, outputs, metadata=None):
    asset_id = spent['id'] if spent['operation'] == 'CREATE' else spent['asset']['id']
    inputs = [{'owners_before': spent['outputs'][i]['public_keys'],
               'fulfills': {'transaction_id': spent['id'], 'output_index': i}, 'fulfillment': None}
              for i in indexes]
    return {'inputs': inputs, 'outputs': outputs, 'operation': 'TRANSFER', 'asset': {'id': asset_id},
            'metadata': metadata, 'version': '2.0', 'id': None}


def transfer(spent, indexes, outputs, keys, metadata=None):
    return sign(transfer_body(spent, indexes, outputs, metadata),
                [spent['outputs'][i]['condition']['details'] for i in indexes], keys)


def raw(tx):
    return json.dumps(tx, ensure_ascii=False)


def create_spelled(issuer, outputs, data, metadata, spellings):
    """A CREATE whose text writes the placeholders (keys of spellings) as the given raw JSON
    spellings. It is signed and its id computed over what Python reads from that text, as
    BigchainDB does; a spelling Python cannot serialize back (NaN) keeps a signature over the
    placeholder text and an id over the text."""
    body = create_body([issuer], outputs, data, metadata)

    def spell(text):
        for placeholder, spelling in spellings.items():
            text = text.replace(json.dumps(placeholder), spelling)
        return text

    parsed = json.loads(spell(raw(body)))
    try:
        signed = sign(parsed, [ed(issuer.pk)], [issuer])
    except ValueError:
        signed = sign(copy.deepcopy(body), [ed(issuer.pk)], [issuer])
    body['inputs'][0]['fulfillment'] = signed['inputs'][0]['fulfillment']
    body['id'] = signed['id']
    text = spell(raw(body))
    try:
        return text.replace(signed['id'], tx_id(json.loads(text)))
    except ValueError:
        return text


class Corpus:
    def __init__(self):
        self.items = []
        self.keys = set()

    def add(self, rnd, family, name, tx_or_raw, source='mutation'):
        text = tx_or_raw if isinstance(tx_or_raw, str) else raw(tx_or_raw)
        try:
            parsed = json.loads(text)
            txid = parsed.get('id') if isinstance(parsed, dict) else None
        except ValueError:
            txid = None
        key = (rnd // 3, family, name)
        if key in self.keys:
            raise ValueError('two items named %s' % (key,))
        self.keys.add(key)
        self.items.append({'round': rnd, 'family': family, 'name': name, 'source': source, 'raw': text,
                           'id': txid if isinstance(txid, str) else None,
                           'solo': solo(family, text)})


# Content a database may refuse at Commit, where BigchainDB then crashes (integers beyond 64
# bits, arrays directly inside arrays on FerretDB, deep nesting): such an item gets a block of its
# own after its round's block, so a crash names the one item that caused it.
def solo(family, text):
    if family == 'nesting':
        return True
    try:
        return risky(json.loads(text), 0)
    except ValueError:
        return False


def risky(value, depth):
    if depth > 60:
        return True
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return not -2 ** 63 <= value < 2 ** 63
    if isinstance(value, dict):
        return any(risky(v, depth + 1) for v in value.values())
    if isinstance(value, list):
        return any(isinstance(v, list) or risky(v, depth + 1) for v in value)
    return False


FLOAT_SPELLINGS = ['0.0', '-0.0', '5e-324', '-5e-324', '2.2250738585072014e-308', '2.225073858507201e-308',
                   '1e-310', '1.7976931348623157e308', '-1.7976931348623157e+308', '1e308', '1e21', '1e+21',
                   '1E21', '1e-7', '1e-07', '1.0e-7', '0.0001', '0.00001', '1e16', '1e15', '100.0', '1.50',
                   '0.1', '-0.5', '123456.789', '4.35', '1e22', '9007199254740993.0', '2.5e-10', '1e-5',
                   '0.30000000000000004', '1.0', '-0', '0e0', '1E+2', '12345678901234567890.0']
INT_SPELLINGS = ['0', '-1', '9223372036854775807', '9223372036854775808', '-9223372036854775808',
                 '-9223372036854775809', '18446744073709551616', '123456789012345678901234567890',
                 '9007199254740993', '-0']
AMOUNTS = ['007', '0', '-1', ' 7', '7 ', '+7', '7.0', '1e3', '', 'seven', '9000000000000000000',
           '9000000000000000001', '99999999999999999999999', '00', '0x10', '1_000', '\u0667', '\uff17']
STRINGS = ['\u0000', 'nul\u0000inside', '\ud800', 'a\udfffb', '\ud83d\ude00', '\U0001F600', '\u2028\u2029',
           '\ufeffbom', '\\u0041', 'tab\tnewline\n', '"quoted"', '</script>', '\u00e9 vs e\u0301',
           '\U0010FFFF', '\uffff\ufffe', '\x7f\x1f\x01', 'x' * 5000]
LANGUAGES = ['en', 'english', 'fr', 'xx', 'none', '', 'russian', 'zz-top']


def pick(rng, pool, k, always):
    """k random values of pool, then the values every batch tries."""
    return rng.sample([v for v in pool if v not in always], k) + always


def batch(c, b, rng):
    r0, r1, r2 = 3 * b, 3 * b + 1, 3 * b + 2
    alice, bob, carol, dave = (Key(rng) for _ in range(4))
    n = 'b%d' % b

    def data(**kw):
        return dict(kw, batch=n, salt=rng.getrandbits(32))

    # ---- the official drivers' own transactions -------------------------------------------------
    for case in make_txs.driver_cases(nonce=n):
        depth = 0 if not case['spent'] else (2 if case['spent'][0]['operation'] == 'TRANSFER' else 1)
        c.add(3 * b + depth, 'driver-py', case['name'], case['tx'], source='py')
    js = json.loads(subprocess.run(['node', os.path.join(HERE, '..', 'js', 'make-txs.js'), '--nonce', n],
                                   check=True, capture_output=True, timeout=120).stdout)
    for case in js['cases']:
        depth = 0 if not case['spent'] else (2 if case['spent'][0]['operation'] == 'TRANSFER' else 1)
        family = 'driver-js' if case['expect'] == 'valid' else 'driver-js-serialization'
        c.add(3 * b + depth, family, case['name'], case['tx'], source='js')

    # ---- valid shapes made here, and TRANSFER chains --------------------------------------------
    total = rng.randint(10, 1000)
    parts = sorted(rng.sample(range(1, total), 2))
    c_div = create([alice], [output(ed(alice.pk), str(total))], data(kind='divisible'))
    c.add(r0, 'chain', 'create_divisible', c_div)
    split = transfer(c_div, [0], [output(ed(bob.pk), str(parts[0])), output(ed(carol.pk), str(parts[1] - parts[0])),
                                  output(ed(alice.pk), str(total - parts[1]))], [alice])
    c.add(r1, 'chain', 'split_three_ways', split)
    merge = transfer(split, [0, 1], [output(ed(dave.pk), str(parts[1]))], [bob, carol])
    c.add(r2, 'chain', 'merge_two_outputs', merge)
    wrong_sum = transfer(split, [2], [output(ed(dave.pk), str(total - parts[1] + 1))], [alice])
    c.add(r2, 'chain', 'transfer_amounts_do_not_add_up', wrong_sum)

    c_a = create([alice], [output(ed(alice.pk), '1')], data(kind='double-spend'))
    c.add(r0, 'chain', 'create_for_double_spends', c_a)
    ds1 = transfer(c_a, [0], [output(ed(bob.pk), '1')], [alice], {'n': 1})
    ds2 = transfer(c_a, [0], [output(ed(carol.pk), '1')], [alice], {'n': 2})
    c.add(r1, 'double-spend', 'first_spend', ds1)
    c.add(r1, 'double-spend', 'second_spend_same_block', ds2)
    ds3 = transfer(c_a, [0], [output(ed(dave.pk), '1')], [alice], {'n': 3})
    c.add(r2, 'double-spend', 'third_spend_later_block', ds3)
    c.add(r2, 'double-spend', 'resubmit_committed', ds1)
    c_dup = create([alice], [output(ed(alice.pk), '1')], data(kind='duplicate'))
    c.add(r0, 'double-spend', 'create_twice_in_one_block_first', c_dup)
    c.add(r0, 'double-spend', 'create_twice_in_one_block_second', c_dup)
    dup_in = transfer_body(c_div, [0, 0], [output(ed(bob.pk), str(2 * total))])
    c.add(r1, 'double-spend', 'same_output_twice_in_one_tx', sign(dup_in, [ed(alice.pk)] * 2, [alice]))

    c_u = create([bob], [output(ed(bob.pk), '2')], data(kind='uncommitted'))
    c.add(r1, 'uncommitted', 'create_in_same_block', c_u)
    t_u = transfer(c_u, [0], [output(ed(alice.pk), '2')], [bob])
    c.add(r1, 'uncommitted', 'spend_output_created_earlier_in_block', t_u)
    t_uu = transfer(t_u, [0], [output(ed(carol.pk), '2')], [alice])
    c.add(r1, 'uncommitted', 'spend_of_spend_in_same_block', t_uu)
    c_later = create([carol], [output(ed(carol.pk), '1')], data(kind='spent-before-created'))
    c.add(r2, 'uncommitted', 'spend_before_its_create', transfer(c_later, [0], [output(ed(alice.pk), '1')], [carol]))
    c.add(r2, 'uncommitted', 'create_after_its_spend', c_later)
    c.add(r1, 'chain', 'spend_output_past_the_end', sign(transfer_body(c_a, [0], [output(ed(bob.pk), '1')]) | {
        'inputs': [{'owners_before': [alice.pk], 'fulfills': {'transaction_id': c_a['id'], 'output_index': 5},
                    'fulfillment': None}]}, [ed(alice.pk)], [alice]))
    c_other = create([alice], [output(ed(alice.pk), '1')], data(kind='other-asset'))
    c.add(r0, 'chain', 'create_other_asset', c_other)
    wrong_asset = transfer_body(c_other, [0], [output(ed(bob.pk), '1')])
    wrong_asset['asset'] = {'id': c_div['id']}
    c.add(r1, 'chain', 'transfer_names_another_asset', sign(wrong_asset, [ed(alice.pk)], [alice]))
    mixed = transfer_body(c_other, [0], [output(ed(bob.pk), str(parts[0] + 1))])
    mixed['inputs'].append({'owners_before': [bob.pk], 'fulfills': {'transaction_id': split['id'], 'output_index': 0},
                            'fulfillment': None})
    c.add(r2, 'chain', 'merge_of_two_assets', sign(mixed, [ed(alice.pk), ed(bob.pk)], [alice, bob]))

    thr_out = threshold(2, [ed(alice.pk), ed(bob.pk), ed(carol.pk)])
    c_thr = create([dave], [output(thr_out, '3'), output(threshold(1, [ed(alice.pk), threshold(2, [ed(bob.pk), ed(carol.pk)])]), '4')],
                   data(kind='threshold'))
    c.add(r0, 'threshold', 'create_threshold_outputs', c_thr)
    c.add(r1, 'threshold', 'spend_2_of_3_with_alice_carol', transfer(c_thr, [0], [output(ed(dave.pk), '3')], [alice, carol]))
    c.add(r1, 'threshold', 'spend_nested_1_of_2_with_bob_carol', transfer(c_thr, [1], [output(ed(dave.pk), '4')], [bob, carol]))
    one_sig = transfer_body(c_thr, [0], [output(ed(dave.pk), '3')])
    signed = sign(one_sig, [threshold(1, [ed(alice.pk), ed(bob.pk), ed(carol.pk)])], [alice])
    c.add(r2, 'threshold', 'spend_2_of_3_with_a_1_of_3_fulfillment', signed)
    c.add(r0, 'threshold', 'create_by_two_issuers', create([alice, bob], [output(ed(carol.pk), '1')], data(kind='two-issuers')))

    # ---- signatures -------------------------------------------------------------------------
    body = create_body([alice], [output(ed(alice.pk), '1')], data(kind='sig'), None)
    c.add(r0, 'signature', 'create_signed_by_other_key', sign(copy.deepcopy(body), [ed(bob.pk)], [bob]))
    wrong_msg = sign(copy.deepcopy(body), [ed(alice.pk)], [alice])
    wm = copy.deepcopy(wrong_msg)
    wm['metadata'] = {'changed': 'after signing'}
    wm['id'] = tx_id(wm)
    c.add(r0, 'signature', 'create_body_changed_after_signing', wm)
    flipped = copy.deepcopy(wrong_msg)
    ful = flipped['inputs'][0]['fulfillment']
    flipped['inputs'][0]['fulfillment'] = ful[:-5] + ('A' if ful[-5] != 'A' else 'B') + ful[-4:]
    flipped['id'] = tx_id(flipped)
    c.add(r0, 'signature', 'create_signature_byte_changed', flipped)
    nofill = copy.deepcopy(wrong_msg)
    nofill['inputs'][0]['fulfillment'] = None
    nofill['id'] = tx_id(nofill)
    c.add(r0, 'signature', 'create_null_fulfillment', nofill)
    garbage = copy.deepcopy(wrong_msg)
    garbage['inputs'][0]['fulfillment'] = 'pGSAIP_not_a_fulfillment'
    garbage['id'] = tx_id(garbage)
    c.add(r0, 'signature', 'create_garbage_fulfillment', garbage)
    details_ful = copy.deepcopy(wrong_msg)
    details_ful['inputs'][0]['fulfillment'] = ed(alice.pk)
    details_ful['id'] = tx_id(details_ful)
    c.add(r0, 'signature', 'create_fulfillment_as_details', details_ful)
    c_sig = create([alice], [output(ed(alice.pk), '1')], data(kind='sig-transfer'))
    c.add(r0, 'signature', 'create_for_transfer_signatures', c_sig)
    c.add(r1, 'signature', 'transfer_signed_by_other_key', sign(transfer_body(c_sig, [0], [output(ed(bob.pk), '1')]),
                                                               [ed(bob.pk)], [bob]))
    tb = transfer_body(c_sig, [0], [output(ed(bob.pk), '1')])
    tb['inputs'][0]['owners_before'] = [bob.pk]
    c.add(r1, 'signature', 'transfer_owners_before_names_signer_not_owner', sign(tb, [ed(bob.pk)], [bob]))
    c.add(r1, 'signature', 'transfer_signed_without_fulfills_suffix',
          sign_without_suffix(transfer_body(c_sig, [0], [output(ed(bob.pk), '1')]), alice))
    c.add(r0, 'signature', 'create_signed_over_normalized_form', sign(copy.deepcopy(body) | {'asset': {'data': data(kind='normmsg')}},
                                                                      [ed(alice.pk)], [alice], normalized=True))

    # ---- owners_before / issuers (2.2.2 checks only the fulfillment for a CREATE) ------------
    ob = create_body([alice], [output(ed(alice.pk), '1')], data(kind='owners'), None)
    ob['inputs'][0]['owners_before'] = []
    c.add(r0, 'owners', 'create_empty_owners_before', sign(ob, [ed(alice.pk)], [alice]))
    ob = create_body([alice, bob], [output(ed(alice.pk), '1')], data(kind='owners-longer'), None)
    c.add(r0, 'owners', 'create_longer_owners_before_one_signature', sign(ob, [ed(alice.pk)], [alice]))
    ob = create_body([alice], [output(ed(alice.pk), '1')], data(kind='owners-threshold'), None)
    c.add(r0, 'owners', 'create_single_owner_threshold_fulfillment', sign(ob, [threshold(1, [ed(alice.pk)])], [alice]))
    ob = create_body([alice], [output(ed(alice.pk), '1')], data(kind='owners-other'), None)
    c.add(r0, 'owners', 'create_owner_alice_signed_by_carol', sign(ob, [ed(carol.pk)], [carol]))
    ob = create_body([alice], [output(ed(alice.pk), '1')], data(kind='owners-bad-key'), None)
    ob['inputs'][0]['owners_before'] = ['not-base58-0OIl']
    c.add(r0, 'owners', 'create_owner_not_a_key', sign(ob, [ed(alice.pk)], [alice]))
    ob = create_body([alice], [output(ed(alice.pk), '1')], data(kind='preimage'), None)
    ob['inputs'][0]['fulfillment'] = PreimageSha256(preimage=b'anyone').serialize_uri()
    ob['id'] = tx_id(ob)
    c.add(r0, 'owners', 'create_preimage_fulfillment_no_signature', ob)
    two_in = create_body([alice], [output(ed(alice.pk), '1')], data(kind='two-inputs'), None)
    two_in['inputs'].append({'owners_before': [bob.pk], 'fulfills': None, 'fulfillment': None})
    c.add(r0, 'owners', 'create_two_inputs', sign(two_in, [ed(alice.pk), ed(bob.pk)], [alice, bob]))

    # ---- conditions --------------------------------------------------------------------------
    c.add(r0, 'conditions', 'uri_of_other_key', create([alice], [output(ed(alice.pk), '1', uri=uri_of(ed(bob.pk)))],
                                                       data(kind='uri-mismatch')))
    c_mis = create([alice], [output(ed(bob.pk), '2', uri=uri_of(ed(carol.pk)))], data(kind='uri-mismatch-spend'))
    c.add(r0, 'conditions', 'uri_of_carol_details_of_bob', c_mis)
    c.add(r1, 'conditions', 'spend_mismatched_output_as_details_owner', transfer(c_mis, [0], [output(ed(alice.pk), '2')], [bob]))
    c.add(r1, 'conditions', 'spend_mismatched_output_as_uri_owner', sign(transfer_body(c_mis, [0], [output(ed(alice.pk), '2')]),
                                                                         [ed(carol.pk)], [carol]))
    c.add(r0, 'conditions', 'public_keys_not_in_details', create([alice], [output(ed(alice.pk), '1', public_keys=[bob.pk])],
                                                                 data(kind='pk-mismatch')))
    c.add(r0, 'conditions', 'public_keys_empty', create([alice], [output(ed(alice.pk), '1', public_keys=[])],
                                                        data(kind='pk-empty')))
    c.add(r0, 'conditions', 'threshold_above_subconditions', create(
        [alice], [output(threshold(3, [ed(alice.pk), ed(bob.pk)]), '1', uri='ni:///sha-256;' + 'A' * 43 + '?fpt=threshold-sha-256&cost=1000&subtypes=ed25519-sha-256')],
        data(kind='thr-too-high')))
    c.add(r0, 'conditions', 'threshold_zero', create([alice], [output(threshold(0, [ed(alice.pk)]), '1', uri=uri_of(ed(alice.pk)))],
                                                     data(kind='thr0')))
    c.add(r0, 'conditions', 'threshold_empty', create([alice], [output(threshold(1, []), '1', uri=uri_of(ed(alice.pk)))],
                                                      data(kind='thr-empty')))
    unknown = output(ed(alice.pk), '1')
    unknown['condition']['details'] = {'type': 'preimage-sha-256', 'preimage': 'YWJj'}
    unknown['condition']['uri'] = PreimageSha256(preimage=b'abc').condition_uri
    c.add(r0, 'conditions', 'unknown_details_type_preimage', create([alice], [unknown], data(kind='unknown-type')))
    uri_only = output(ed(alice.pk), '1')
    del uri_only['condition']['details']
    c.add(r0, 'conditions', 'uri_without_details', create([alice], [uri_only], data(kind='uri-only')))
    bad_uri = output(ed(alice.pk), '1', uri='ni:///sha-256;not-a-hash?fpt=ed25519-sha-256&cost=131072')
    c.add(r0, 'conditions', 'malformed_uri', create([alice], [bad_uri], data(kind='bad-uri')))
    extra = output(ed(alice.pk), '1')
    extra['condition']['details']['extra'] = 'field'
    c.add(r0, 'conditions', 'details_extra_field', create([alice], [extra], data(kind='details-extra')))
    deep_thr = ed(alice.pk)
    for _ in range(rng.choice([5, 10])):
        deep_thr = threshold(1, [deep_thr])
    c.add(r0, 'conditions', 'nested_threshold', create([alice], [output(deep_thr, '1')], data(kind='deep-threshold')))

    # ---- amounts -----------------------------------------------------------------------------
    for a in pick(rng, AMOUNTS, 6, ['007', '9000000000000000001']):
        body = create_body([alice], [output(ed(alice.pk), a)], data(kind='amount'), None)
        c.add(r0, 'amounts', 'create_amount_%s' % json.dumps(a), sign(body, [ed(alice.pk)], [alice]))
        body = create_body([alice], [output(ed(alice.pk), a)], data(kind='amount-norm'), None)
        c.add(r0, 'amounts', 'create_amount_%s_normmsg' % json.dumps(a), sign(body, [ed(alice.pk)], [alice], normalized=True))
    body = create_body([alice], [output(ed(alice.pk), 7)], data(kind='amount-int'), None)
    c.add(r0, 'amounts', 'create_amount_as_json_number', sign(body, [ed(alice.pk)], [alice]))
    c_007 = sign(create_body([alice], [output(ed(alice.pk), '007')], data(kind='amount-007-spend'), None), [ed(alice.pk)], [alice])
    c.add(r0, 'amounts', 'create_007_to_spend', c_007)
    c.add(r1, 'amounts', 'spend_007_output_as_7', transfer(c_007, [0], [output(ed(bob.pk), '7')], [alice]))
    c_many = create([alice], [output(ed(alice.pk), str(MAX_AMOUNT)), output(ed(alice.pk), str(MAX_AMOUNT))], data(kind='sum-over-max'))
    c.add(r0, 'amounts', 'create_two_max_outputs', c_many)
    c.add(r1, 'amounts', 'merge_above_max', transfer(c_many, [0, 1], [output(ed(bob.pk), str(MAX_AMOUNT)), output(ed(bob.pk), str(MAX_AMOUNT))], [alice]))
    c.add(r0, 'amounts', 'create_no_outputs', create([alice], [], data(kind='no-outputs')))

    # ---- numbers (JSON spellings; the id is over what Python parses them to) ------------------
    for spelling in pick(rng, FLOAT_SPELLINGS, 12, ['5e-324', '2.225073858507201e-308', '-0.0', '1e21', '1e-7']):
        c.add(r0, 'numbers', 'float_' + spelling, create_spelled(
            alice, [output(ed(alice.pk), '1')], data(kind='float', v='@P@'), {'m': '@P@'}, {'@P@': spelling}))
    for spelling in pick(rng, INT_SPELLINGS, 5, ['18446744073709551616']):
        c.add(r0, 'numbers', 'int_' + spelling, create_spelled(
            alice, [output(ed(alice.pk), '1')], data(kind='int', v='@P@'), None, {'@P@': spelling}))
    doubles = [rng.uniform(-1e6, 1e6), rng.random() * 10 ** rng.randint(-320, 308), float(rng.getrandbits(53)) * 2 ** rng.randint(-1074, 900)]
    c.add(r0, 'numbers', 'python_floats', create([alice], [output(ed(alice.pk), '1')], data(kind='py-floats', v=doubles), {'v': doubles}))
    c.add(r0, 'numbers', 'nan_spelling', create_spelled(alice, [output(ed(alice.pk), '1')], data(kind='nan', v='@P@'), None,
                                                        {'@P@': 'NaN'}))
    c.add(r0, 'numbers', 'infinity_spelling', create_spelled(alice, [output(ed(alice.pk), '1')], data(kind='inf', v='@P@'),
                                                             None, {'@P@': 'Infinity'}))

    # ---- strings -----------------------------------------------------------------------------
    for s in pick(rng, STRINGS, 6, ['\ud800', '\u0000']):
        tag = ''.join('%04x' % ord(ch) for ch in s[:4])
        try:
            tx = create([alice], [output(ed(alice.pk), '1')], data(kind='string', v=s), {'s': s})
            c.add(r0, 'strings', 'string_' + tag, tx)
        except (UnicodeEncodeError, ValueError):
            # a lone surrogate cannot be serialized by rapidjson: write it escaped, id over the escape text
            tx = create([alice], [output(ed(alice.pk), '1')], data(kind='string', v='@P@'), {'s': '@P@'})
            c.add(r0, 'strings', 'string_escaped_' + tag, raw(tx).replace('"@P@"', json.dumps(s)))
    tx = create([alice], [output(ed(alice.pk), '1')], data(kind='escapes', v='A/B'), None)
    c.add(r0, 'strings', 'escaped_spellings_of_plain_text', raw(tx).replace('"A/B"', '"\\u0041\\/B"'))

    # ---- nesting -----------------------------------------------------------------------------
    c.add(r0, 'nesting', 'array_in_array', create([alice], [output(ed(alice.pk), '1')], data(kind='nest', v=[[1, 2], [3]]), {'m': [[[]]]}))
    c.add(r0, 'nesting', 'object_in_array_in_array', create([alice], [output(ed(alice.pk), '1')], data(kind='nest2', v=[[{'a': [[1]]}]])))
    c.add(r0, 'nesting', 'metadata_array_in_array', create([alice], [output(ed(alice.pk), '1')], data(kind='nest3'), {'m': [[rng.randint(0, 9)]]}))
    # depth = containers inside 'v'; 2.2.2 stores {"data": {"v": ..}} and {"id", "metadata": {"v": ..}}:
    # 2 + depth levels, and MongoDB 3.6 inserts at most 180 (so 178 is the deepest 2.2.2 commits)
    for depth in pick(rng, [10, 60, 90, 100, 177, 180, 200], 2, [178, 179]):
        v = 'leaf'
        for _ in range(depth):
            v = {'d': v}
        c.add(r0, 'nesting', 'object_depth_%d' % depth, create([alice], [output(ed(alice.pk), '1')], {'batch': n, 'v': v, 'salt': rng.getrandbits(32)}))
        a = 1
        for _ in range(depth):
            a = [a]
        c.add(r0, 'nesting', 'array_depth_%d' % depth, create([alice], [output(ed(alice.pk), '1')], data(kind='array-depth'), {'v': a}))

    # ---- keys --------------------------------------------------------------------------------
    for k in ['$set', 'a.b', 'nul\u0000key', '$', '.', 'ok$', '']:
        c.add(r0, 'keys', 'asset_key_%s' % json.dumps(k), create([alice], [output(ed(alice.pk), '1')], data(kind='key', **{'x': {k: 1}})))
        c.add(r0, 'keys', 'metadata_key_%s' % json.dumps(k), create([alice], [output(ed(alice.pk), '1')], data(kind='mkey'), {k: 1}))
    for lang in pick(rng, LANGUAGES, 3, ['xx']):
        c.add(r0, 'keys', 'asset_language_%s' % lang, create([alice], [output(ed(alice.pk), '1')], data(kind='lang', language=lang)))
        c.add(r0, 'keys', 'nested_language_%s' % lang, create([alice], [output(ed(alice.pk), '1')], data(kind='lang2', x={'language': lang})))
        c.add(r0, 'keys', 'metadata_language_%s' % lang, create([alice], [output(ed(alice.pk), '1')], data(kind='lang3'), {'language': lang}))
    c.add(r0, 'keys', 'language_not_a_string', create([alice], [output(ed(alice.pk), '1')], data(kind='lang4', language=5)))

    # ---- schema edges ------------------------------------------------------------------------
    def schema_case(name, mutate, rnd=r0, base=None):
        body = copy.deepcopy(base or create_body([alice], [output(ed(alice.pk), '1')], data(kind='schema', case=name), None))
        spec = [ed(alice.pk)] * len(body['inputs'])
        mutate(body)
        try:
            c.add(rnd, 'schema', name, sign(body, spec, [alice]))
        except Exception:  # noqa: BLE001 - an unsignable shape goes in unsigned, with an honest id
            body['id'] = tx_id(body)
            c.add(rnd, 'schema', name, body)

    schema_case('version_1_0', lambda b: b.update(version='1.0'))
    schema_case('version_missing', lambda b: b.pop('version'))
    schema_case('operation_lowercase', lambda b: b.update(operation='create'))
    schema_case('operation_unknown', lambda b: b.update(operation='GENESIS'))
    schema_case('operation_validator_election', lambda b: b.update(operation='VALIDATOR_ELECTION'))
    schema_case('extra_top_level_field', lambda b: b.update(extra=1))
    schema_case('metadata_empty_object', lambda b: b.update(metadata={}))
    schema_case('metadata_string', lambda b: b.update(metadata='text'))
    schema_case('metadata_array', lambda b: b.update(metadata=[1, 2]))
    schema_case('asset_data_null', lambda b: b.update(asset={'data': None}))
    schema_case('asset_data_empty', lambda b: b.update(asset={'data': {}}))
    schema_case('asset_data_string', lambda b: b.update(asset={'data': 'text'}))
    schema_case('asset_data_array', lambda b: b.update(asset={'data': [1]}))
    schema_case('asset_null', lambda b: b.update(asset=None))
    schema_case('asset_empty_object', lambda b: b.update(asset={}))
    schema_case('asset_with_id_in_create', lambda b: b.update(asset={'id': 'a' * 64}))
    schema_case('asset_extra_key', lambda b: b['asset'].update(extra=1))
    schema_case('no_inputs', lambda b: b.update(inputs=[]))
    schema_case('create_with_fulfills', lambda b: b['inputs'][0].update(fulfills={'transaction_id': 'a' * 64, 'output_index': 0}))
    schema_case('input_extra_key', lambda b: b['inputs'][0].update(extra=1))
    schema_case('output_extra_key', lambda b: b['outputs'][0].update(extra=1))
    schema_case('output_missing_public_keys', lambda b: b['outputs'][0].pop('public_keys'))
    schema_case('public_key_wrong_length', lambda b: b['outputs'][0].update(public_keys=['1' * 10]))
    schema_case('owners_before_not_a_list', lambda b: b['inputs'][0].update(owners_before=alice.pk))
    c.add(r0, 'schema', 'id_missing', {k: v for k, v in create([alice], [output(ed(alice.pk), '1')], data(kind='noid')).items() if k != 'id'})
    wrong_id = create([alice], [output(ed(alice.pk), '1')], data(kind='wrong-id'))
    wrong_id['id'] = 'f' * 64
    c.add(r0, 'schema', 'id_wrong', wrong_id)
    upper = create([alice], [output(ed(alice.pk), '1')], data(kind='upper-id'))
    c.add(r0, 'schema', 'id_uppercase', raw(upper).replace(upper['id'], upper['id'].upper()))
    c_s = create([alice], [output(ed(alice.pk), '1')], data(kind='schema-transfer'))
    c.add(r0, 'schema', 'create_for_transfer_edges', c_s)
    for name, mutate in [
            ('transfer_output_index_string', lambda b: b['inputs'][0]['fulfills'].update(output_index='0')),
            ('transfer_output_index_negative', lambda b: b['inputs'][0]['fulfills'].update(output_index=-1)),
            ('transfer_output_index_float', lambda b: b['inputs'][0]['fulfills'].update(output_index=0.0)),
            ('transfer_txid_uppercase', lambda b: b['inputs'][0]['fulfills'].update(transaction_id=c_s['id'].upper())),
            ('transfer_without_fulfills', lambda b: b['inputs'][0].update(fulfills=None)),
            ('transfer_asset_with_data', lambda b: b.update(asset={'id': c_s['id'], 'data': {'x': 1}})),
            ('transfer_asset_data_only', lambda b: b.update(asset={'data': {'x': 1}})),
            ('transfer_asset_id_not_hex', lambda b: b.update(asset={'id': 'z' * 64}))]:
        body = transfer_body(c_s, [0], [output(ed(bob.pk), '1')], {'case': name})
        mutate(body)
        try:
            c.add(r1, 'schema', name, sign(body, [ed(alice.pk)], [alice]))
        except Exception:  # noqa: BLE001
            body['inputs'][0]['fulfillment'] = 'x'
            body['id'] = tx_id(body)
            c.add(r1, 'schema', name, body)

    # ---- JSON text itself ----------------------------------------------------------------------
    v = create([alice], [output(ed(alice.pk), '1')], data(kind='json-pretty'))
    c.add(r0, 'json-text', 'pretty_printed', json.dumps(v, indent=2, ensure_ascii=False))
    v = create([alice], [output(ed(alice.pk), '1')], data(kind='json-ascii'), {'s': '\u00e9\U0001F600'})
    c.add(r0, 'json-text', 'ascii_escaped', json.dumps(v, ensure_ascii=True))
    v = create([alice], [output(ed(alice.pk), '1')], data(kind='json-space'))
    c.add(r0, 'json-text', 'surrounding_whitespace', '\n ' + raw(v) + ' \t')
    v = create([alice], [output(ed(alice.pk), '1')], data(kind='json-dup', d='first'))
    c.add(r0, 'json-text', 'duplicate_key_last_wins', raw(v).replace('"d": "first"', '"d": "ignored", "d": "first"'))
    v = create([alice], [output(ed(alice.pk), '1')], data(kind='json-dup2', d='first'))
    c.add(r0, 'json-text', 'duplicate_key_first_wins', raw(v).replace('"d": "first"', '"d": "first", "d": "other"'))
    v = create([alice], [output(ed(alice.pk), '1')], data(kind='json-dup-id'))
    c.add(r0, 'json-text', 'duplicate_id_key', raw(v).replace('"id": ', '"id": "%s", "id": ' % ('0' * 64), 1))
    v = create([alice], [output(ed(alice.pk), '1')], data(kind='json-trailing'))
    c.add(r0, 'json-text', 'trailing_comma', raw(v)[:-1] + ',}')
    c.add(r0, 'json-text', 'json_array', '[' + raw(create([alice], [output(ed(alice.pk), '1')], data(kind='json-array'))) + ']')
    c.add(r0, 'json-text', 'json_null', 'null')
    c.add(r0, 'json-text', 'empty_object', '{}')


def sign_without_suffix(body, key):
    """A TRANSFER signed over the message without the spent output's txid and index."""
    b = copy.deepcopy(body)
    m = copy.deepcopy(b)
    for i in m['inputs']:
        i['fulfillment'] = None
    m['id'] = None
    f = Ed25519Sha256(public_key=base58.b58decode(key.pk))
    f.sign(sha3_256(serialize(m).encode()).digest(), key.sk)
    b['inputs'][0]['fulfillment'] = f.serialize_uri()
    b['id'] = tx_id(b)
    return b


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    p.add_argument('--seed', type=int, default=1)
    p.add_argument('--batches', type=int, default=4, help='three blocks each, ~250 transactions')
    args = p.parse_args()
    c = Corpus()
    for b in range(args.batches):
        batch(c, b, random.Random('%d/%d' % (args.seed, b)))
    # elections change the validator set for every later block: one family, after the last batch
    election_corpus.add_family(c, sys.modules[__name__], 3 * args.batches)
    c.items.sort(key=lambda i: i['round'])
    for item in c.items:
        sys.stdout.write(json.dumps(item, ensure_ascii=True) + '\n')


if __name__ == '__main__':
    main()
