package dev.proctor.core.mask;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The one masker holds the union of what the runner's and the operator's maskers masked: every shape either knew is
 * masked by every kind of masker (a receiver's, a runner's, patterns only).
 */
class MaskerUnionTest {
    static final List<Masker> EVERY_KIND = List.of(Masker.patternsOnly(), Masker.of(List.of("receiver-url-secret")),
            Masker.from(Map.of("SHOP_PASSWORD", "runner-env-secret"), Set.of()));

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // shapes the runner masked before
        "token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NSJ9.c2lnbmF0dXJl seen|token **** seen",
        "key AKIAIOSFODNN7EXAMPLE used|key **** used",
        "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY|aws_secret_access_key = ****",
        "login with password=hunter2&user=bob|login with password=****&user=bob",
        "{\"client_secret\": \"abc123\"}|{\"client_secret\": \"****\"}",
        "Authorization: Basic dXNlcjpwYXNzd29yZA==|Authorization: Basic ****",
        // shapes the operator masked before
        "clone https://ghp_abcdef0123456789@github.com/o/r|clone https://****@github.com/o/r",
        "POST https://user:p4ss@hooks.example.com/x|POST https://user:****@hooks.example.com/x",
        "POST https://h/x?sig=abc;routing_key=R0UT1NG&channel=ops|POST https://h/x?sig=****;routing_key=****&channel=ops",
        "GET https://h/x?key=k3y#frag|GET https://h/x?key=****#frag",
        "Authorization: Bearer xyz|Authorization: Bearer ****",
        // a password holding '?', which the operator's userinfo rule did not see, and one with no user name
        "GET https://u:p?ss@h/x|GET https://u:****@h/x",
        "GET https://:t0k3n@h/x|GET https://:****@h/x",
    })
    void everyShapeOfEitherSideIsMaskedByEveryKindOfMasker(String text, String masked) {
        for (Masker masker : EVERY_KIND) assertThat(masker.mask(text)).as(masker.toString()).isEqualTo(masked);
    }

    @Test
    void aReceiversSecretsAreMaskedHoweverShortButARunnersEnvOnlyFromFourCharacters() {
        assertThat(Masker.of(List.of("k1")).mask("key k1 here")).isEqualTo("key **** here");
        Masker env = Masker.from(Map.of("API_TOKEN", "abc", "LOGIN", "shopper-7", "DB_PASSWORD", "p4ssword-long"), Set.of("LOGIN"));
        assertThat(env.secretCount()).isEqualTo(2);
        assertThat(env.mask("abc shopper-7 p4ssword-long p4ssword")).isEqualTo("abc **** **** p4ssword");
    }

    @Test
    void aSecretHoldingAnotherIsMaskedWholeWhicheverWayItWasGiven() {
        assertThat(Masker.of(List.of("abc", "abcdef")).mask("abcdef abc")).isEqualTo("**** ****");
        assertThat(Masker.from(Map.of("A_TOKEN", "abcd", "B_TOKEN", "abcdefgh"), Set.of()).mask("abcdefgh abcd")).isEqualTo("**** ****");
    }

    @Test
    void aJsonTreeIsMaskedByTheRunnersShapesToo() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("summary", "login failed: password=hunter2");
        node.putArray("lines").add("key AKIAIOSFODNN7EXAMPLE");

        Masker.patternsOnly().maskTree(node);

        assertThat(node.toString()).isEqualTo("{\"summary\":\"login failed: password=****\",\"lines\":[\"key ****\"]}");
    }

    @Property(tries = 300)
    void maskingTwiceChangesNothing(@ForAll("texts") String text) {
        for (Masker masker : EVERY_KIND) {
            String once = masker.mask(text);
            assertThat(masker.mask(once)).isEqualTo(once);
        }
    }

    @Property(tries = 200)
    void noDeclaredEnvSecretSurvives(@ForAll @AlphaChars @StringLength(min = 4, max = 12) String secret, @ForAll("texts") String text) {
        Masker masker = Masker.from(Map.of("SHOP_LOGIN", secret), Set.of("SHOP_LOGIN"));

        assertThat(masker.mask(text + " " + secret + text + secret)).doesNotContain(secret);
    }

    /** A runner's masker remembers what it masked (checkpoints mask the same names again): remembered or not, the same. */
    @Property(tries = 200)
    void aRememberedMaskIsTheMaskItself(@ForAll("texts") String text) {
        Masker runner = Masker.from(Map.of("SHOP_PASSWORD", "runner-env-secret"), Set.of());
        Masker fresh = Masker.of(List.of("runner-env-secret"));

        String first = runner.mask(text);
        assertThat(runner.mask(text)).isEqualTo(first).isEqualTo(fresh.mask(text));
        assertThat(runner.mask(text + text)).isEqualTo(fresh.mask(text + text));
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> fragment = Arbitraries.oneOf(
                Arbitraries.of("password=hunter2", "token: t0k3n", "Bearer abc.def", "Basic dXNlcjpw", "?key=k&x=1", ";sig=s",
                        "https://u:p@h/x", "https://tok@h", "https://u:p?q@h", "AKIAIOSFODNN7EXAMPLE", "eyJabcdef.eyJabcdef.sig",
                        "receiver-url-secret", "runner-env-secret", "****", "\"api_key\": \"v\"", "&", "=", ":", "@", "\n"),
                Arbitraries.strings().ofMaxLength(8));
        return fragment.list().ofMaxSize(8).map(parts -> String.join(" ", parts));
    }
}
