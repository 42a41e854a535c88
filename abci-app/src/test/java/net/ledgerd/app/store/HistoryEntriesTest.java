package net.ledgerd.app.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class HistoryEntriesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode tx(String metadata) throws Exception {
        return (ObjectNode) JSON.readTree("{\"operation\":\"TRANSFER\",\"metadata\":" + metadata + "}");
    }

    @Test
    void readingsAreReadFromTheIngestorsColumnsAndFromObjects() throws Exception {
        var columns = HistoryEntries.readings(tx(
                "{\"readings\":{\"t\":[1733130000123,1733130001123],\"tz\":\"UTC\",\"v\":[1.5,\"on\"],\"i\":[0,3]}}"));
        assertEquals(2, columns.size());
        assertEquals(1733130001123L, columns.get(1).millis());
        assertEquals("\"on\"", columns.get(1).value().toString());
        var objects = HistoryEntries.readings(tx("{\"readings\":[{\"t\":1733130000123,\"v\":1.5}]}"));
        assertEquals(1733130000123L, objects.get(0).millis());
        assertEquals(0, HistoryEntries.readings(tx("{\"note\":1}")).size());
        var rows = HistoryEntries.readingObjects(JSON.readTree("{\"t\":[5,6],\"tz\":[\"UTC\",\"CET\"],\"v\":[1,2]}"));
        assertEquals("{\"t\":6,\"tz\":\"CET\",\"v\":2}", rows.get(1).toString());
    }

    @Test
    void readingsAreReadFromTheIngestorsTextWithTimeDifferences() throws Exception {
        String text =
                "{\"dt\":[1733130000123,1000,-5],\"tz\":[\"UTC\",\"CET\",\"UTC\"],\"v\":[1.5,\"on\",2],\"i\":[0,3,4]}";
        var fromText = HistoryEntries.readings(tx("{\"readings\":" + JSON.writeValueAsString(text) + "}"));
        assertEquals(3, fromText.size());
        assertEquals(1733130001123L, fromText.get(1).millis());
        assertEquals(1733130001118L, fromText.get(2).millis());
        assertEquals("\"on\"", fromText.get(1).value().toString());
        var rows = HistoryEntries.readingObjects(JSON.getNodeFactory().textNode(text));
        assertEquals(
                "{\"t\":1733130001123,\"tz\":\"CET\",\"v\":\"on\"}", rows.get(1).toString());
        // A string that is not the ingestor's text is metadata like any other: no readings.
        assertEquals(0, HistoryEntries.readings(tx("{\"readings\":\"21.5 C\"}")).size());
        assertEquals(
                0,
                HistoryEntries.readings(tx("{\"readings\":\"{\\\"dt\\\":[1,\\\"x\\\"]}\"}"))
                        .size());
    }
}
