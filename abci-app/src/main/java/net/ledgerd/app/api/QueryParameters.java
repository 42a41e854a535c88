package net.ledgerd.app.api;

import io.javalin.http.Context;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** BigchainDB's query parameter rules (web/views/parameters.py), with its messages. */
final class QueryParameters {
    static final String MISSING = "Missing required parameter in the JSON body or the post body or the query string";
    private static final Pattern TXID = Pattern.compile("^[a-fA-F0-9]{64}$");
    private static final Pattern BASE58_KEY = Pattern.compile("^[1-9a-zA-Z]{43,44}$");
    private static final Pattern NOT_BASE58 = Pattern.compile(".*[Il0O].*");

    private QueryParameters() {}

    static String required(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null) {
            throw ApiError.badParameter(name, MISSING);
        }
        return value;
    }

    static String txid(String name, String value) {
        if (!TXID.matcher(value).matches()) {
            throw ApiError.badParameter(name, "Invalid hash");
        }
        return value.toLowerCase(Locale.ROOT);
    }

    static Boolean bool(String name, String value) {
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiError.badParameter(name, "Boolean value must be \"true\" or \"false\" (lowercase)");
        };
    }

    static String operation(String name, String value) {
        if (value == null) {
            return null;
        }
        String op = value.toUpperCase(Locale.ROOT);
        if (op.equals("CREATE") || op.equals("TRANSFER")) {
            return op;
        }
        throw ApiError.badParameter(name, "Operation must be \"CREATE\" or \"TRANSFER\"");
    }

    static String ed25519(String name, String value) {
        if (BASE58_KEY.matcher(value).matches() && !NOT_BASE58.matcher(value).matches()) {
            return value;
        }
        throw ApiError.badParameter(name, "Invalid base58 ed25519 key");
    }

    static Integer integer(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            // int() in Python strips whitespace and refuses an empty string.
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw ApiError.badParameter(name, "invalid literal for int() with base 10: '" + value + "'");
        }
    }

    /** flask-restful's strict parsing: parameters the route does not know are refused. */
    static void only(Context ctx, Set<String> known) {
        for (String name : ctx.queryParamMap().keySet()) {
            if (!known.contains(name)) {
                throw ApiError.badRequest("Unknown arguments: " + name);
            }
        }
    }
}
