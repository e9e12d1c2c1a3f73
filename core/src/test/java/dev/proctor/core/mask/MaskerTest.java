package dev.proctor.core.mask;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class MaskerTest {

    @Test
    void masksSecretsLongestFirst() {
        Masker masker = Masker.of(Arrays.asList("abc", "abcdef", "", null));

        assertThat(masker.mask("key abcdef and abc")).isEqualTo("key **** and ****");
    }

    @Test
    void masksCredentialsInUrlsAndHeadersWithoutBeingTold() {
        Masker masker = Masker.patternsOnly();

        assertThat(masker.mask("POST https://user:p4ss@hooks.example.com/x?token=t0k&channel=ops failed"))
                .isEqualTo("POST https://user:****@hooks.example.com/x?token=****&channel=ops failed");
        assertThat(masker.mask("https://h/a?sig=abc;api_key=zz&Signature=qq#frag"))
                .isEqualTo("https://h/a?sig=****;api_key=****&Signature=****#frag");
        assertThat(masker.mask("Authorization: Bearer eyJhbGciOi.x-y")).isEqualTo("Authorization: Bearer ****");
        assertThat(masker.mask("keyboard=1 and ?monkey=2")).isEqualTo("keyboard=1 and ?monkey=2");
        assertThat(masker.mask(null)).isNull();
    }

    @Test
    void masksEveryStringOfAJsonTreeButTheKeptFields() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("routing_key", "s3cr3t");
        node.putObject("payload").put("summary", "leaked s3cr3t").putArray("list").add("s3cr3t");

        Masker.of(List.of("s3cr3t")).maskTree(node, Set.of("routing_key"));

        assertThat(node.toString()).isEqualTo("{\"routing_key\":\"s3cr3t\",\"payload\":{\"summary\":\"leaked ****\",\"list\":[\"****\"]}}");
    }

    @Property(tries = 200)
    void noSecretSurvives(@ForAll @AlphaChars @StringLength(min = 1, max = 8) String secret,
                          @ForAll @StringLength(max = 30) String before, @ForAll @StringLength(max = 30) String after) {
        String masked = Masker.of(List.of(secret)).mask(before + secret + after + secret);

        assertThat(masked).doesNotContain(secret);
    }
}
