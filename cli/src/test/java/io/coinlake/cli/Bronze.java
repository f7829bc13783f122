package io.coinlake.cli;

import io.coinlake.envelope.AssetEnvelope;
import io.coinlake.envelope.EnvelopeCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads bronze the way any user can: as plain files of the embedded S3 server. */
final class Bronze {
    private Bronze() {
    }

    static List<Path> objects(Path dateDirectory) throws IOException {
        try (Stream<Path> files = Files.list(dateDirectory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jsonl")).sorted().toList();
        }
    }

    static List<AssetEnvelope> envelopes(Path dateDirectory) throws IOException {
        List<AssetEnvelope> envelopes = new ArrayList<>();
        for (Path object : objects(dateDirectory)) {
            for (String line : Files.readAllLines(object, StandardCharsets.UTF_8)) {
                envelopes.add((AssetEnvelope) EnvelopeCodec.decode(line.getBytes(StandardCharsets.UTF_8)));
            }
        }
        return envelopes;
    }
}
