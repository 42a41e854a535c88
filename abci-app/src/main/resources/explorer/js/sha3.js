// SHA3-256 (FIPS 202): WebCrypto has no SHA-3 and no maintained webjar of one resolves from Maven
// Central, so this is Keccak-f[1600] on 64-bit BigInt lanes. Transactions are a few kilobytes, so
// speed does not matter here; known-answer tests run in ExplorerBrowserTest.

const MASK = (1n << 64n) - 1n;
const RATE = 136; // bytes absorbed per permutation for a 256-bit digest

// Rotation offsets by lane index x + 5y (FIPS 202, 3.2.2).
const ROTATIONS = [0, 1, 62, 28, 27, 36, 44, 6, 55, 20, 3, 10, 43, 25, 39, 41, 45, 15, 21, 8, 18, 2, 61, 56, 14];

// Round constants from the LFSR of FIPS 202 3.2.5 (x^8 + x^6 + x^5 + x^4 + 1), so no table can be mistyped.
const ROUND_CONSTANTS = (() => {
  let r = 1;
  const nextBit = () => {
    const bit = r & 1;
    r <<= 1;
    if (r & 0x100) r ^= 0x171;
    return bit;
  };
  const constants = [];
  for (let round = 0; round < 24; round++) {
    let rc = 0n;
    for (let j = 0; j < 7; j++) {
      if (nextBit()) rc |= 1n << BigInt((1 << j) - 1);
    }
    constants.push(rc);
  }
  return constants;
})();

const rotl = (x, n) => (n === 0 ? x : ((x << BigInt(n)) | (x >> BigInt(64 - n))) & MASK);

function permute(a) {
  const c = new Array(5);
  const b = new Array(25);
  for (let round = 0; round < 24; round++) {
    for (let x = 0; x < 5; x++) c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
    for (let x = 0; x < 5; x++) {
      const d = c[(x + 4) % 5] ^ rotl(c[(x + 1) % 5], 1);
      for (let y = 0; y < 25; y += 5) a[x + y] ^= d;
    }
    for (let x = 0; x < 5; x++) {
      for (let y = 0; y < 5; y++) {
        b[y + 5 * ((2 * x + 3 * y) % 5)] = rotl(a[x + 5 * y], ROTATIONS[x + 5 * y]);
      }
    }
    for (let y = 0; y < 25; y += 5) {
      for (let x = 0; x < 5; x++) {
        a[x + y] = b[x + y] ^ (~b[((x + 1) % 5) + y] & MASK & b[((x + 2) % 5) + y]);
      }
    }
    a[0] ^= ROUND_CONSTANTS[round];
  }
}

/** The SHA3-256 digest of a Uint8Array, as a Uint8Array of 32 bytes. */
export function sha3_256(bytes) {
  const padded = new Uint8Array((Math.floor(bytes.length / RATE) + 1) * RATE);
  padded.set(bytes);
  padded[bytes.length] ^= 0x06;
  padded[padded.length - 1] ^= 0x80;
  const state = new Array(25).fill(0n);
  for (let offset = 0; offset < padded.length; offset += RATE) {
    for (let lane = 0; lane < RATE / 8; lane++) {
      let v = 0n;
      for (let k = 7; k >= 0; k--) v = (v << 8n) | BigInt(padded[offset + lane * 8 + k]);
      state[lane] ^= v;
    }
    permute(state);
  }
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = Number((state[i >> 3] >> BigInt(8 * (i & 7))) & 0xffn);
  return out;
}

export function toHex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
