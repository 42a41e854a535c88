package net.ledgerd.tx.conditions;

import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.RSAEngine;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.signers.PSSSigner;

/**
 * {@code rsaSha256 [3] SEQUENCE { modulus [0] OCTET STRING, signature [1] OCTET STRING }}. As
 * cryptoconditions 0.8.0 validates it: RSA-PSS with SHA-256, MGF1-SHA-256, a 32-byte salt and
 * the public exponent 65537. Only read so that consensus agrees with BigchainDB 2.2.2 on CREATEs
 * fulfilled by one; its condition is not formed (no output condition BigchainDB's details describe
 * can be an RSA condition).
 */
public final class RsaSha256Fulfillment implements Fulfillment {
    private static final BigInteger PUBLIC_EXPONENT = BigInteger.valueOf(65537);
    private static final int SALT_LENGTH = 32;

    private final byte[] modulus;
    private final byte[] signature;

    public RsaSha256Fulfillment(byte[] modulus, byte[] signature) {
        this.modulus = modulus.clone();
        this.signature = signature.clone();
    }

    @Override
    public ConditionType type() {
        return ConditionType.RSA_SHA256;
    }

    @Override
    public Condition condition() throws CryptoConditionException {
        throw new CryptoConditionException(
                "rsa-sha-256 conditions are not supported; outputs hold ed25519-sha-256 or threshold-sha-256");
    }

    /**
     * False where cryptoconditions raises instead (a modulus the RSA library refuses, a signature
     * that does not verify): BigchainDB 2.2.2 then refuses the transaction with an internal error.
     */
    @Override
    public boolean validate(byte[] message) {
        BigInteger n = new BigInteger(1, modulus);
        if (!n.testBit(0) || n.compareTo(PUBLIC_EXPONENT) <= 0) {
            return false;
        }
        PSSSigner verifier = new PSSSigner(new RSAEngine(), new SHA256Digest(), SALT_LENGTH);
        try {
            verifier.init(false, new RSAKeyParameters(false, n, PUBLIC_EXPONENT));
            verifier.update(message, 0, message.length);
            return verifier.verifySignature(signature);
        } catch (RuntimeException e) {
            // BouncyCastle reports an unusable key or signature size by exception; both mean invalid
            return false;
        }
    }

    ASN1Primitive asn1() {
        return Fulfillments.taggedSequence(3, new DEROctetString(modulus), new DEROctetString(signature));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RsaSha256Fulfillment f
                && Arrays.equals(modulus, f.modulus)
                && Arrays.equals(signature, f.signature);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(signature);
    }
}
