package net.ledgerd.app.api;

/** The OpenAPI 3 description of the HTTP API, shipped as a resource and served at /api/v1/openapi.json. */
final class OpenApi {
    private static final String DOCUMENT = Resources.text("/openapi.json");

    private OpenApi() {}

    static String document() {
        return DOCUMENT;
    }
}
