package net.ledgerd.ingestor.ledger;

/**
 * What one asset records: the readings of one device for one key in one unit. The unit is part of the identity
 * because values in different units are not one series: a device that switches a key from °C to °F starts a new
 * asset rather than mixing them in one history.
 */
public record AssetKey(String device, String key, String unit) {}
