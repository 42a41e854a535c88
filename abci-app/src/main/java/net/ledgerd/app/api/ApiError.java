package net.ledgerd.app.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP error answered with BigchainDB's body: {"message": ..., "status": ...} from make_error, or
 * flask-restful's {"message": {"param": reason}} for a bad query parameter.
 */
final class ApiError extends RuntimeException {
    final int status;
    final Object body;

    private ApiError(int status, String logMessage, Object body) {
        super(logMessage, null, false, false);
        this.status = status;
        this.body = body;
    }

    /** BigchainDB's make_error(status, message). */
    static ApiError of(int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", message);
        body.put("status", status);
        return new ApiError(status, message, body);
    }

    static ApiError notFound() {
        return of(404, "Not found");
    }

    /** flask-restful reqparse's answer to a missing or invalid parameter. */
    static ApiError badParameter(String name, String reason) {
        return new ApiError(400, name + ": " + reason, Map.of("message", Map.of(name, reason)));
    }

    /** flask-restful's answer to a plain abort(400, message). */
    static ApiError badRequest(String message) {
        return new ApiError(400, message, Map.of("message", message));
    }

    /** flask-restful's answer to an unhandled exception: {"message": "Internal Server Error"}; the reason is logged. */
    static ApiError internal(String logMessage) {
        return new ApiError(500, logMessage, Map.of("message", "Internal Server Error"));
    }
}
