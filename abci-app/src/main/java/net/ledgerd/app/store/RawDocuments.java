package net.ledgerd.app.store;

import org.bson.BsonBinaryWriter;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.Codec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;

/**
 * Documents encoded to BSON before they go to the driver, with the collection's own codec, so the
 * bytes sent are the ones the driver would have encoded. Why: the driver (5.2) writes each
 * character of a string into its pooled network buffers one byte at a time through a buffer lookup,
 * and a history pass sends megabytes of page text; into one array that encoding is several times
 * cheaper, and the driver copies an encoded document whole.
 */
final class RawDocuments {
    /** As the driver encodes an inserted document ({@code _id} first). */
    private static final EncoderContext INSERTED =
            EncoderContext.builder().isEncodingCollectibleDocument(true).build();
    /** As the driver encodes a replacement. */
    private static final EncoderContext REPLACEMENT = EncoderContext.builder().build();

    private final Codec<Document> codec;

    RawDocuments(Codec<Document> codec) {
        this.codec = codec;
    }

    RawBsonDocument inserted(Document doc) {
        return encode(doc, INSERTED);
    }

    RawBsonDocument replacement(Document doc) {
        return encode(doc, REPLACEMENT);
    }

    private RawBsonDocument encode(Document doc, EncoderContext context) {
        BasicOutputBuffer buffer = new BasicOutputBuffer();
        try (BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
            codec.encode(writer, doc, context);
        }
        return new RawBsonDocument(buffer.getInternalBuffer(), 0, buffer.getPosition());
    }
}
