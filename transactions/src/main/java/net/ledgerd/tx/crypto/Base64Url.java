package net.ledgerd.tx.crypto;

import java.util.Base64;

/** base64url without padding, as crypto-condition fulfillments and condition fingerprints use. */
public final class Base64Url {
  private Base64Url() {}

  private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DEC = Base64.getUrlDecoder();

  public static String encode(byte[] b) {
    return ENC.encodeToString(b);
  }

  /**
   * Decodes unpadded (or correctly padded) base64url. Throws IllegalArgumentException for
   * characters outside the alphabet, a length of 4n+1, or non-zero unused trailing bits.
   */
  public static byte[] decode(String s) {
    int rem = s.length() % 4;
    if (rem == 1) {
      throw new IllegalArgumentException("base64url text of length " + s.length() + " is truncated");
    }
    byte[] out = DEC.decode(s);
    // java.util.Base64 ignores non-zero unused bits in the last character; require them zero so
    // that each byte string has exactly one text form.
    if (!s.endsWith("=") && !ENC.encodeToString(out).equals(s)) {
      throw new IllegalArgumentException("base64url text has non-zero padding bits");
    }
    return out;
  }
}
