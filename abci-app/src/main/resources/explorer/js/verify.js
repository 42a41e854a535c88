// Checks a transaction in the browser, trusting only its JSON text and the owners' public keys:
// - its id: SHA3-256 of the canonical serialization with "id": null (the fulfillments stay in;
//   BigchainDB 2.2.2 Transaction.validate_id);
// - each input's Ed25519 signature over SHA3-256 of the serialization with "id": null and every
//   fulfillment null, followed for a TRANSFER input by the spent output's transaction id and index
//   (2.2.2 Transaction._input_valid), with the key the fulfillment carries, which must be the
//   input's owner.
import { parse, serialize, JsonNumber } from './canonical.js';
import { sha3_256, toHex } from './sha3.js';

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

export function base58Decode(s) {
  let n = 0n;
  for (const ch of s) {
    const d = BASE58.indexOf(ch);
    if (d < 0) throw new Error(`'${ch}' is not a base58 character`);
    n = n * 58n + BigInt(d);
  }
  const bytes = [];
  while (n > 0n) {
    bytes.unshift(Number(n & 0xffn));
    n >>= 8n;
  }
  for (const ch of s) {
    if (ch !== '1') break;
    bytes.unshift(0);
  }
  return new Uint8Array(bytes);
}

export function base64UrlDecode(s) {
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

/** The public key and signature of an ed25519-sha-256 fulfillment URI (DER: [4] { [0] key, [1] signature }). */
export function decodeEd25519Fulfillment(uri) {
  const der = base64UrlDecode(uri);
  let pos = 0;
  const header = () => {
    const tag = der[pos++];
    let len = der[pos++];
    if (len & 0x80) {
      const n = len & 0x7f;
      len = 0;
      for (let k = 0; k < n; k++) len = len * 256 + der[pos++];
    }
    return { tag, len };
  };
  const outer = header();
  if (outer.tag !== 0xa4) {
    const types = { 0xa0: 'preimage-sha-256', 0xa1: 'prefix-sha-256', 0xa2: 'threshold-sha-256', 0xa3: 'rsa-sha-256' };
    throw new Error(`a ${types[outer.tag] ?? 'unknown'} fulfillment; this page verifies ed25519-sha-256 only`);
  }
  const key = header();
  if (key.tag !== 0x80 || key.len !== 32) throw new Error('the fulfillment holds no 32-byte public key');
  const publicKey = der.slice(pos, pos + 32);
  pos += 32;
  const sig = header();
  if (sig.tag !== 0x81 || sig.len !== 64) throw new Error('the fulfillment holds no 64-byte signature');
  const signature = der.slice(pos, pos + 64);
  if (pos + 64 !== der.length) throw new Error('the fulfillment has trailing bytes');
  return { publicKey, signature };
}

const utf8 = (s) => new TextEncoder().encode(s);
const sameBytes = (a, b) => a.length === b.length && a.every((x, k) => x === b[k]);

async function ed25519Verify(publicKey, signature, message) {
  if (!globalThis.crypto?.subtle) {
    throw new Error('WebCrypto is unavailable: the browser allows it only on https or localhost pages');
  }
  const key = await crypto.subtle.importKey('raw', publicKey, { name: 'Ed25519' }, false, ['verify']);
  return crypto.subtle.verify({ name: 'Ed25519' }, key, signature, message);
}

/**
 * Verifies the transaction in {@code jsonText}. Returns {id: {ok, expected, computed}, inputs: [{index, ok, owner, detail}], ok}.
 * A failure is a result, never an exception, so the page can show each step.
 */
export async function verifyTransaction(jsonText) {
  let tx;
  try {
    tx = parse(jsonText);
    if (!(tx instanceof Map)) throw new Error('not a JSON object');
  } catch (e) {
    return { ok: false, error: `the JSON does not parse: ${e.message}`, inputs: [] };
  }
  const claimed = tx.get('id');
  const withoutId = new Map(tx).set('id', null);
  const computed = toHex(sha3_256(utf8(serialize(withoutId))));
  const id = { ok: computed === claimed, claimed, computed };

  const inputs = Array.isArray(tx.get('inputs')) ? tx.get('inputs') : [];
  const unsigned = new Map(withoutId).set(
    'inputs',
    inputs.map((input) => (input instanceof Map ? new Map(input).set('fulfillment', null) : input)),
  );
  const body = serialize(unsigned);
  const results = [];
  for (let index = 0; index < inputs.length; index++) {
    results.push(await verifyInput(inputs[index], index, body));
  }
  return { ok: id.ok && results.length > 0 && results.every((r) => r.ok), id, inputs: results };
}

async function verifyInput(input, index, body) {
  const owners = input.get('owners_before') ?? [];
  const owner = owners.length === 1 ? owners[0] : null;
  try {
    if (!owner) throw new Error(`${owners.length} owners: this page verifies single-owner inputs only`);
    const { publicKey, signature } = decodeEd25519Fulfillment(input.get('fulfillment'));
    if (!sameBytes(publicKey, base58Decode(owner))) {
      return { index, ok: false, owner, detail: "the fulfillment's key is not the input's owner" };
    }
    const fulfills = input.get('fulfills');
    let message = body;
    if (fulfills instanceof Map) {
      const output = fulfills.get('output_index');
      message += fulfills.get('transaction_id') + (output instanceof JsonNumber ? BigInt(output.text).toString() : output);
    }
    const ok = await ed25519Verify(publicKey, signature, sha3_256(utf8(message)));
    return { index, ok, owner, detail: ok ? 'Ed25519 signature valid' : 'Ed25519 signature does not match' };
  } catch (e) {
    return { index, ok: false, owner, detail: e.message };
  }
}

/**
 * Whether {@code owner} owns output {@code outputIndex} of the transaction in {@code parentText}, and
 * that transaction's id is {@code transactionId} recomputed here: the link from an input to the key
 * it must be signed with, checked without trusting the server either.
 */
export function verifySpentOutput(parentText, transactionId, outputIndex, owner) {
  if (parentText === null) return { ok: false, detail: `the spent transaction ${transactionId} is not on the ledger` };
  let parent;
  try {
    parent = parse(parentText);
  } catch (e) {
    return { ok: false, detail: `the spent transaction does not parse: ${e.message}` };
  }
  const computed = toHex(sha3_256(utf8(serialize(new Map(parent).set('id', null)))));
  if (computed !== transactionId || parent.get('id') !== transactionId) {
    return { ok: false, detail: `the spent transaction's content hashes to ${computed}, not ${transactionId}` };
  }
  const output = (parent.get('outputs') ?? [])[outputIndex];
  const keys = output instanceof Map ? output.get('public_keys') : null;
  if (!Array.isArray(keys) || keys.length !== 1 || keys[0] !== owner) {
    return { ok: false, detail: `output ${outputIndex} of the spent transaction does not belong to this owner alone` };
  }
  return { ok: true, detail: `owns output ${outputIndex} of ${transactionId.slice(0, 8)}…, whose id was recomputed here` };
}
