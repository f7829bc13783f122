package io.coinlake.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.LakeCatalogProperties;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

class S3ConnectionTest {
    @Test
    void aKeyIsUsedAsGivenAndNeverShown() {
        S3Connection connection = S3Connection.of(CoinlakeConfig.of(Map.of("S3_SECRET_KEY", "never-print-me")));

        assertThat(connection.usesDefaultCredentials()).isFalse();
        assertThat(connection.credentials()).isInstanceOf(StaticCredentialsProvider.class);
        assertThat(connection.credentials().resolveCredentials().secretAccessKey()).isEqualTo("never-print-me");
        assertThat(connection.toString()).contains("http://127.0.0.1:19000", "access key coinlake").doesNotContain("never-print-me");
    }

    @Test
    void anEmptyKeyMeansTheDefaultChainForTheClientAndTheTables() {
        CoinlakeConfig config = CoinlakeConfig.of(Map.of("S3_ACCESS_KEY", "", "S3_ENDPOINT", "https://s3.eu-west-1.amazonaws.com"));
        S3Connection connection = S3Connection.of(config);

        assertThat(connection.usesDefaultCredentials()).isTrue();
        assertThat(connection.credentials()).isInstanceOf(DefaultCredentialsProvider.class);
        assertThat(LakeCatalogProperties.fileIo(config)).doesNotContainKeys("s3.access-key-id", "s3.secret-access-key")
                .containsEntry("s3.endpoint", "https://s3.eu-west-1.amazonaws.com");
        assertThat(new S3Connection("", "eu-west-1", false, "", "", Duration.ofSeconds(5)).toString())
                .isEqualTo("S3 at AWS (region eu-west-1, the default credentials chain)");
    }
}
