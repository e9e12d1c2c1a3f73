package dev.proctor.runner.mask;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proctor.core.mask.Masker;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaskerTest {
    private final Masker masker = Masker.from(
            Map.of("SHOP_LOGIN", "s3cr3t-Value-42", "DB_PASSWORD", "tr0ub4dor", "REGION", "eu", "PIN", "123"),
            Set.of("SHOP_LOGIN", "PIN"));

    @Test
    void masksValuesOfDeclaredAndSecretLookingEnvVars() {
        assertThat(masker.mask("user shopper / s3cr3t-Value-42 / tr0ub4dor in eu"))
                .isEqualTo("user shopper / **** / **** in eu");
        assertThat(masker.secretCount()).isEqualTo(2);
    }

    @Test
    void leavesValuesTooShortToMaskUsefully() {
        assertThat(masker.mask("pin 123")).isEqualTo("pin 123");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Authorization: Bearer abc.def-ghi_jkl=|Authorization: Bearer ****",
        "password=hunter2&user=bob|password=****&user=bob",
        "{\"password\": \"hunter2\"}|{\"password\": \"****\"}",
        "key AKIAIOSFODNN7EXAMPLE used|key **** used",
        "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY|aws_secret_access_key = ****",
        "token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NSJ9.c2lnbmF0dXJl seen|token **** seen",
        "GET https://admin:hunter22@shop.example.com/x|GET https://admin:****@shop.example.com/x",
        "api_key: abcdef123|api_key: ****"
    })
    void masksCommonCredentialShapes(String text, String masked) {
        assertThat(Masker.patternsOnly().mask(text)).isEqualTo(masked);
    }

    @Test
    void maskingIsStableWhenAppliedTwice() {
        String once = masker.mask("password=s3cr3t-Value-42");
        assertThat(masker.mask(once)).isEqualTo(once).isEqualTo("password=****");
    }

    @Test
    void theOutputStreamMasksASecretWrittenInPieces() throws Exception {
        ByteArrayOutputStream target = new ByteArrayOutputStream();
        MaskingOutputStream out = new MaskingOutputStream(target, masker);
        out.write("value s3cr3t-".getBytes(StandardCharsets.UTF_8));
        out.flush();
        out.write("Value-42 end\nnext".getBytes(StandardCharsets.UTF_8));
        out.close();
        assertThat(target.toString(StandardCharsets.UTF_8)).isEqualTo("value **** end\nnext");
    }
}
