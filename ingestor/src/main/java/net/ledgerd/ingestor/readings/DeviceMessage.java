package net.ledgerd.ingestor.readings;

import java.util.List;

/** A parsed message: the device it came from and its readings, in the order the device sent them. */
public record DeviceMessage(String device, List<Reading> readings) {}
