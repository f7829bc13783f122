package io.coinlake.producer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coinlake.json.RawJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;

/**
 * Records what the latest produce run of a date wrote (run id, counts, per-partition offsets) in
 * {@code <home>/manifests/produce/<date>.json}, so later stages can tell when that batch has been
 * fully consumed.
 */
public final class ProduceManifest {
    private ProduceManifest() {
    }

    public static Path fileFor(Path home, LocalDate date) {
        return home.resolve("manifests").resolve("produce").resolve(date + ".json");
    }

    public static Path write(Path home, PublishResult result) throws IOException {
        ObjectNode json = RawJson.MAPPER.createObjectNode();
        json.put("logicalDate", result.batch().logicalDate().toString());
        json.put("runId", result.batch().runId());
        json.put("source", result.batch().source());
        json.put("fetchedAt", result.batch().fetchedAt().toString());
        json.put("topic", result.topic());
        json.put("snapshotKind", result.kind().label());
        json.put("records", result.records());
        json.put("duplicateIds", result.duplicateIds());
        ObjectNode partitions = json.putObject("partitions");
        result.partitions().forEach((partition, summary) -> {
            ObjectNode node = partitions.putObject(Integer.toString(partition));
            node.put("records", summary.records());
            node.put("firstOffset", summary.firstOffset());
            node.put("markerOffset", summary.markerOffset());
            node.put("endOffset", summary.endOffset());
        });
        Path file = fileFor(home, result.batch().logicalDate());
        Files.createDirectories(file.getParent());
        // Write then rename, so a reader never sees half a manifest.
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        RawJson.MAPPER.writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), json);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }
}
