package net.ledgerd.tx.crypto;

import java.util.Arrays;

/** Base58 with the Bitcoin alphabet, as BigchainDB uses for keys (leading zero bytes as '1'). */
public final class Base58 {
  private Base58() {}

  private static final char[] ALPHABET =
      "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();
  private static final int[] INDEXES = new int[128];

  static {
    Arrays.fill(INDEXES, -1);
    for (int i = 0; i < ALPHABET.length; i++) {
      INDEXES[ALPHABET[i]] = i;
    }
  }

  public static String encode(byte[] input) {
    if (input.length == 0) {
      return "";
    }
    int zeros = 0;
    while (zeros < input.length && input[zeros] == 0) {
      zeros++;
    }
    byte[] in = Arrays.copyOf(input, input.length);
    char[] encoded = new char[input.length * 2];
    int outputStart = encoded.length;
    for (int inputStart = zeros; inputStart < in.length; ) {
      encoded[--outputStart] = ALPHABET[divmod(in, inputStart, 256, 58)];
      if (in[inputStart] == 0) {
        inputStart++;
      }
    }
    while (outputStart < encoded.length && encoded[outputStart] == ALPHABET[0]) {
      outputStart++;
    }
    while (--zeros >= 0) {
      encoded[--outputStart] = ALPHABET[0];
    }
    return new String(encoded, outputStart, encoded.length - outputStart);
  }

  /** Decodes, or throws IllegalArgumentException naming the first character not in the alphabet. */
  public static byte[] decode(String input) {
    if (input.isEmpty()) {
      return new byte[0];
    }
    byte[] input58 = new byte[input.length()];
    for (int i = 0; i < input.length(); i++) {
      char c = input.charAt(i);
      int digit = c < 128 ? INDEXES[c] : -1;
      if (digit < 0) {
        throw new IllegalArgumentException("character '" + c + "' at position " + i + " is not base58");
      }
      input58[i] = (byte) digit;
    }
    int zeros = 0;
    while (zeros < input58.length && input58[zeros] == 0) {
      zeros++;
    }
    byte[] decoded = new byte[input.length()];
    int outputStart = decoded.length;
    for (int inputStart = zeros; inputStart < input58.length; ) {
      decoded[--outputStart] = divmod(input58, inputStart, 58, 256);
      if (input58[inputStart] == 0) {
        inputStart++;
      }
    }
    while (outputStart < decoded.length && decoded[outputStart] == 0) {
      outputStart++;
    }
    return Arrays.copyOfRange(decoded, outputStart - zeros, decoded.length);
  }

  /** Decodes a 32-byte key, or returns null when the text is not base58 of exactly 32 bytes. */
  public static byte[] decodeKey32(String input) {
    if (input == null || input.length() < 32 || input.length() > 44) {
      return null;
    }
    try {
      byte[] b = decode(input);
      return b.length == 32 ? b : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static byte divmod(byte[] number, int firstDigit, int base, int divisor) {
    int remainder = 0;
    for (int i = firstDigit; i < number.length; i++) {
      int digit = number[i] & 0xFF;
      int temp = remainder * base + digit;
      number[i] = (byte) (temp / divisor);
      remainder = temp % divisor;
    }
    return (byte) remainder;
  }
}
