package io.coinlake.spark.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.coinlake.spark.LakeTables;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/data-model.md shows each table as its definition states it. Regenerate the blocks after
 * changing a definition with {@code mvn -pl spark-jobs test -Dtest=DataModelDocTest -Dcoinlake.docs.write=true}.
 */
class DataModelDocTest {
    private static final Path DOC = Path.of("..", "docs", "data-model.md");

    @Test
    void everyTableIsDocumentedAsItsDefinitionStatesIt() throws Exception {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        String expected = doc;
        for (LakeTable table : LakeTables.ALL) {
            int begin = doc.indexOf(LakeTableDoc.begin(table));
            assertThat(begin).as("docs/data-model.md has a block starting with: " + LakeTableDoc.begin(table)).isNotNegative();
            int end = doc.indexOf(LakeTableDoc.END, begin) + LakeTableDoc.END.length();
            expected = expected.replace(doc.substring(begin, end), LakeTableDoc.markdown(table));
        }
        if (Boolean.getBoolean("coinlake.docs.write")) {
            Files.writeString(DOC, expected, StandardCharsets.UTF_8);
            doc = expected;
        }
        assertThat(doc).as("docs/data-model.md's generated blocks (rerun with -Dcoinlake.docs.write=true to regenerate)")
                .isEqualTo(expected);
    }
}
