package net.ledgerd.ingestor.readings;

/** Where a message's device id comes from: the record key (default), the topic name, or a top-level message field. */
public enum DeviceIdSource {
    KEY,
    TOPIC,
    FIELD
}
