package io.ecrm.streams.segments.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Parquet through parquet-hadoop's writer on a plain JVM: a local output file, a plain (not
 * Hadoop) configuration and {@link ParquetCodecs}, so no Hadoop class is loaded at run time (the
 * Hadoop API jar is needed only to compile the builder). Snappy pages; row groups of
 * {@link #ROW_GROUP_BYTES}, which bounds the memory the writer buffers.
 */
final class ParquetRowWriter implements RowWriter {
    static final long ROW_GROUP_BYTES = 16L * 1024 * 1024;

    private final ParquetWriter<ExportRow> writer;

    ParquetRowWriter(Path file, List<ExportColumns.Column> columns) throws IOException {
        MessageType schema = schema(columns);
        writer = new Builder(new LocalOutputFile(file), new RowWriteSupport(schema, columns))
                .withConf(new PlainParquetConfiguration())
                .withCodecFactory(new ParquetCodecs())
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withRowGroupSize(ROW_GROUP_BYTES)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .build();
    }

    static MessageType schema(List<ExportColumns.Column> columns) {
        Types.MessageTypeBuilder message = Types.buildMessage();
        for (ExportColumns.Column c : columns) {
            Type.Repetition repetition = c.optional() ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
            Type type = switch (c.type()) {
                case STRING -> Types.primitive(PrimitiveTypeName.BINARY, repetition)
                        .as(LogicalTypeAnnotation.stringType()).named(c.name());
                case BOOLEAN -> Types.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(c.name());
                case INT -> Types.primitive(PrimitiveTypeName.INT32, repetition).named(c.name());
                case LONG -> Types.primitive(PrimitiveTypeName.INT64, repetition).named(c.name());
                case DOUBLE -> Types.primitive(PrimitiveTypeName.DOUBLE, repetition).named(c.name());
                case TIMESTAMP -> Types.primitive(PrimitiveTypeName.INT64, repetition)
                        .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS)).named(c.name());
            };
            message.addField(type);
        }
        return message.named("segment_export");
    }

    @Override
    public void write(ExportRow row) throws IOException {
        writer.write(row);
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }

    /** Turns a row into Parquet's record events, column by column; a missing optional value is left out. */
    private static final class RowWriteSupport extends WriteSupport<ExportRow> {
        private final MessageType schema;
        private final List<ExportColumns.Column> columns;
        private RecordConsumer out;

        RowWriteSupport(MessageType schema, List<ExportColumns.Column> columns) {
            this.schema = schema;
            this.columns = columns;
        }

        @Override
        public WriteContext init(ParquetConfiguration configuration) {
            return new WriteContext(schema, new HashMap<>());
        }

        @Override
        @SuppressWarnings("deprecation")
        public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
            return new WriteContext(schema, new HashMap<>());
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.out = recordConsumer;
        }

        @Override
        public void write(ExportRow row) {
            out.startMessage();
            for (int i = 0; i < columns.size(); i++) {
                ExportColumns.Column column = columns.get(i);
                Object value = column.value().apply(row);
                if (value == null) {
                    continue;
                }
                out.startField(column.name(), i);
                switch (column.type()) {
                    case STRING -> out.addBinary(Binary.fromString((String) value));
                    case BOOLEAN -> out.addBoolean((Boolean) value);
                    case INT -> out.addInteger((Integer) value);
                    case LONG, TIMESTAMP -> out.addLong((Long) value);
                    case DOUBLE -> out.addDouble((Double) value);
                }
                out.endField(column.name(), i);
            }
            out.endMessage();
        }
    }

    private static final class Builder extends ParquetWriter.Builder<ExportRow, Builder> {
        private final RowWriteSupport support;

        Builder(OutputFile file, RowWriteSupport support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<ExportRow> getWriteSupport(ParquetConfiguration configuration) {
            return support;
        }

        @Override
        @SuppressWarnings("deprecation")
        protected WriteSupport<ExportRow> getWriteSupport(org.apache.hadoop.conf.Configuration configuration) {
            return support;
        }
    }
}
