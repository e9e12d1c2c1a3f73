package dev.proctor.techshop.app;

/**
 * The page frame. Accessible by default (language, title, landmarks, labels, contrast) so that an axe scan of an
 * unswitched page finds nothing, and free of scripts so the strict CSP holds.
 */
final class Html {
    private Html() {}

    record Frame(String title, Region region, String user, boolean consentBanner, boolean plantViolation) {}

    static String page(Frame frame, String main) {
        StringBuilder b = new StringBuilder(2048);
        b.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(esc(frame.title())).append(" · TechShop</title>")
                .append("<style>body{font-family:sans-serif;margin:0;color:#111;background:#fff}")
                .append("header,main,footer{padding:12px 24px}header{background:#0b3d91;color:#fff}")
                .append("header a{color:#fff}nav a{margin-right:12px}.product{border:1px solid #ccc;")
                .append("padding:8px;margin:8px 0}.consent{background:#222;color:#fff;padding:12px 24px}")
                .append(".consent button{margin-left:12px}.error{color:#a00000}</style></head><body>");
        b.append("<header><nav aria-label=\"Main\"><a href=\"/\">TechShop</a><a href=\"/catalog\">Catalog</a>")
                .append("<a href=\"/deals\">Deals</a><a href=\"/cart\">Cart</a>");
        if (frame.user() == null) {
            b.append("<a href=\"/login\">Sign in</a>");
        } else {
            b.append("<span data-test=\"signed-in\">Signed in as ").append(esc(frame.user())).append("</span>");
        }
        b.append("</nav><p>Region: <span data-test=\"region\">").append(frame.region().code())
                .append("</span> · Currency: <span data-test=\"currency\">").append(frame.region().currency())
                .append("</span></p></header>");
        if (frame.consentBanner()) {
            b.append("<section class=\"consent\" aria-label=\"Cookie consent\" data-test=\"cookie-consent\">")
                    .append("We use cookies to keep your cart.")
                    .append("<form method=\"post\" action=\"/consent\" style=\"display:inline\">")
                    .append("<button type=\"submit\">Accept cookies</button></form></section>");
        }
        b.append("<main>").append(main);
        if (frame.plantViolation()) {
            b.append("<img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\" width=\"40\" height=\"40\">")
                    .append("<input type=\"text\" name=\"newsletter\">");
        }
        b.append("</main><footer><p>TechShop demo for Proctor</p></footer></body></html>");
        return b.toString();
    }

    static String esc(String text) {
        if (text == null) return "";
        StringBuilder b = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
