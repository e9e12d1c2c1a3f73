package dev.proctor.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class ClassPatternsTest {

    @Test
    void surefireDefaultsSelectTestClassesAndLeaveNestedOnesToTheirEnclosingClass() {
        Predicate<String> defaults = ClassPatterns.selector(List.of(), List.of());

        assertThat(defaults).accepts("shop.CartTest", "shop.CartTests", "shop.TestCart", "shop.CartTestCase", "CartTest");
        assertThat(defaults).rejects("shop.CartIT", "shop.CartFixture", "shop.CartTest$Nested", "shop.TestCart$1",
                "shop.HeapExhaustingTestSupport");
    }

    @Test
    void patternsMeanWhatTheyMeanInSurefire() {
        assertThat(ClassPatterns.selector(List.of("**/*IT.java"), List.of())).accepts("shop.CartIT").rejects("shop.CartTest");
        assertThat(ClassPatterns.selector(List.of("*IT"), List.of())).accepts("shop.deep.CartIT");
        assertThat(ClassPatterns.selector(List.of("shop.web.*Test"), List.of()))
                .accepts("shop.web.CartTest", "x.shop.web.CartTest").rejects("shop.web.deep.CartTest", "shop.CartTest");
        assertThat(ClassPatterns.selector(List.of("shop/**/Cart?Test.class"), List.of()))
                .accepts("shop.a.b.CartXTest", "shop.CartXTest").rejects("shop.CartXYTest");
        assertThat(ClassPatterns.selector(List.of("%regex[.*shop/.*(Cart|Order)Test.class]"), List.of()))
                .accepts("com.shop.OrderTest").rejects("com.shop.PayTest");
        assertThat(ClassPatterns.selector(List.of("**/*Test.java, **/*Spec.java"), List.of("**/Slow*")))
                .accepts("shop.CartSpec", "shop.CartTest").rejects("shop.SlowCartTest");
    }

    @Test
    void badPatternsAreRefusedNamingThem() {
        assertThatThrownBy(() -> ClassPatterns.selector(List.of("%regex[(unclosed]"), List.of()))
                .hasMessageContaining("pattern '%regex[(unclosed]' is not a valid regular expression");
        assertThatThrownBy(() -> ClassPatterns.validate("includePatterns", List.of("%regex[.*Test")))
                .hasMessageContaining("includePatterns pattern '%regex[.*Test' must end with ]");
        assertThatThrownBy(() -> ClassPatterns.validate("excludePatterns", List.of("**/CartTest#add*")))
                .hasMessageContaining("filters methods (#)");
        assertThatThrownBy(() -> ClassPatterns.validate("includePatterns", List.of(" ")))
                .hasMessageContaining("empty pattern");
    }
}
