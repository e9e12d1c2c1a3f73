package dev.proctor.techshop.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Page;
import dev.proctor.sdk.browser.BrowserTest;
import dev.proctor.sdk.config.ProctorEnvironment;
import dev.proctor.techshop.suite.pages.WarehouseReportPage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@BrowserTest
class WarehouseReportTest {

    @Test
    @Tag("slow")
    void reportCountsTheStock(Page page, ProctorEnvironment env) {
        assertEquals("8 products in stock", new WarehouseReportPage(page, env).open().stock());
    }
}
