package dev.proctor.techshop.suite.pages;

import com.microsoft.playwright.Page;
import dev.proctor.sdk.config.ProctorEnvironment;

/** The back-office report: slow by design, the page duration balancing has to plan around. */
public final class WarehouseReportPage extends ShopPage {
    public WarehouseReportPage(Page page, ProctorEnvironment environment) {
        super(page, environment);
    }

    public WarehouseReportPage open() {
        open("/reports/warehouse");
        return this;
    }

    public String stock() {
        return byTest("stock").textContent();
    }
}
