package net.ledgerd.tx.json;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NumericNode;

/**
 * Reads floats as a BigchainDB 2.2.2 server does. Its pinned gevent 20.6.2 wheel is built with
 * fast-math, so importing it sets the x87/SSE flush-to-zero and denormals-are-zero modes for the
 * whole process: {@code json.loads} then turns every number whose correctly rounded double is
 * subnormal into a zero of the same sign ({@code 5e-324} and {@code 2.225073858507201e-308} read as
 * {@code 0.0}, {@code -1e-310} as {@code -0.0}). Every other double is read exactly. Measured on
 * 7,544 spellings (subnormals, the bounds of the normal range, 17-digit values around
 * 2^-1022, exponents -330..308) against bigchaindb 2.2.2 with gevent imported; see
 * {@code compat/oracle/gen_float_vectors.py}.
 */
final class FlushToZeroNodeFactory extends JsonNodeFactory {
    static final FlushToZeroNodeFactory INSTANCE = new FlushToZeroNodeFactory();

    private FlushToZeroNodeFactory() {
        super(false);
    }

    @Override
    public NumericNode numberNode(double v) {
        return super.numberNode(flush(v));
    }

    /** The value 2.2.2's json.loads gives for a text whose correctly rounded double is {@code v}. */
    static double flush(double v) {
        return v != 0.0 && Math.abs(v) < Double.MIN_NORMAL ? Math.copySign(0.0, v) : v;
    }
}
