package net.ledgerd.app.json;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import net.ledgerd.tx.json.PythonFloat;

/**
 * The one JSON writer for what the node serves (HTTP API bodies, ABCI query answers): floats as
 * BigchainDB 2.2.2's Python writes them with {@code json.dumps}, i.e. {@code repr(float)}
 * ({@code 0.0001}, {@code 1e-05}, {@code 1e+21}, {@code -0.0}, {@code 100.0}) instead of Java's
 * {@code 1.0E-4}; integers as written.
 */
public final class PythonJson {
    private static final ObjectMapper MAPPER = new ObjectMapper(new JsonFactoryBuilder()
            .addDecorator((factory, generator) -> new PythonNumbers(generator))
            .build());

    private PythonJson() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Python's json.dumps spelling of a float; non-finite values as json.dumps writes them. */
    static String floatText(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        return PythonFloat.repr(d);
    }

    private static final class PythonNumbers extends JsonGeneratorDelegate {
        PythonNumbers(JsonGenerator delegate) {
            super(delegate, false);
        }

        @Override
        public void writeNumber(double value) throws IOException {
            delegate.writeNumber(floatText(value));
        }

        @Override
        public void writeNumber(float value) throws IOException {
            // Python has only doubles: the float's exact value, spelled as Python spells that double.
            delegate.writeNumber(floatText(value));
        }
    }
}
