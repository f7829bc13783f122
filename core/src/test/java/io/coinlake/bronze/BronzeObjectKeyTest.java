package io.coinlake.bronze;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class BronzeObjectKeyTest {
    private static final LocalDate NOV_1 = LocalDate.of(2026, 11, 1);

    @Test
    void keyFollowsTheDocumentedLayoutWithPaddedOffsets() {
        assertThat(new BronzeObjectKey("bronze", "coincap.assets.raw", NOV_1, 2, 1234, false).key())
                .isEqualTo("bronze/coincap.assets.raw/dt=2026-11-01/coincap.assets.raw+2+00000000000000001234.jsonl");
        assertThat(new BronzeObjectKey("", "t", NOV_1, 0, 0, true).key())
                .isEqualTo("t/dt=2026-11-01/t+0+00000000000000000000.jsonl.gz");
    }

    @Test
    void keysSortInOffsetOrder() {
        String earlier = new BronzeObjectKey("b", "t", NOV_1, 0, 99, false).key();
        String later = new BronzeObjectKey("b", "t", NOV_1, 0, 100, false).key();

        assertThat(earlier).isLessThan(later);
    }

    @Test
    void parseReadsBackWhatKeyWrites() {
        BronzeObjectKey key = new BronzeObjectKey("lake/bronze", "coincap.assets.raw", NOV_1, 11, 42, true);

        assertThat(BronzeObjectKey.parse(key.key())).contains(key);
        assertThat(BronzeObjectKey.parse("bronze/t/dt=2026-11-01/other+0+00000000000000000001.jsonl")).isEmpty();
        assertThat(BronzeObjectKey.parse("bronze/t/notes.txt")).isEmpty();
    }
}
