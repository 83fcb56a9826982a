package org.casw.gateway.console;

import java.util.Locale;
import org.casw.routes.validation.CodeCatalogue;
import org.springframework.stereotype.Component;

/**
 * A stable code's short title in the page's language ({@code ${@codeTitles.title(code, #locale)}}), from the same
 * catalogue as the API's problems; the code itself stays beside it on every page.
 */
@Component
public class CodeTitles {

    private final CodeCatalogue catalogue = CodeCatalogue.standard();

    public String title(String code, Locale locale) {
        return catalogue.title(code, locale);
    }
}
