package org.casw.gateway.console;

import java.util.Locale;
import org.springframework.stereotype.Component;

/** A stable code's title in the page's language ({@code ${@codeTitles.title(code, #locale)}}). */
@Component
public class CodeTitles {

    public String title(String code, Locale locale) {
        return code;
    }
}
