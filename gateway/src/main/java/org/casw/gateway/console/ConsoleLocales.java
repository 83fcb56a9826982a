package org.casw.gateway.console;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The console speaks Simplified Chinese or English: the person's choice (a cookie, set by {@code ?lang=zh-CN} or
 * {@code ?lang=en}), else the browser's first language that is one of the two, else English. The API keeps reading
 * Accept-Language alone: the cookie is only set on the console's path.
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleLocales implements WebMvcConfigurer {

    static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
    static final String COOKIE = "casw-lang";

    @Bean
    LocaleResolver localeResolver() {
        return new Resolver();
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change).addPathPatterns("/console", "/console/**");
    }

    /** One of the console's two languages for a requested one: any Chinese is Simplified Chinese, anything else English. */
    static Locale supported(Locale requested) {
        return requested != null && "zh".equals(requested.getLanguage()) ? CHINESE : Locale.ENGLISH;
    }

    private static final class Resolver implements LocaleResolver {

        @Override
        public Locale resolveLocale(HttpServletRequest request) {
            // chosen on this very request (?lang=): its cookie only comes back with the next one
            if (request.getAttribute(COOKIE) instanceof Locale chosen) {
                return chosen;
            }
            if (request.getCookies() != null) {
                for (Cookie cookie : request.getCookies()) {
                    if (COOKIE.equals(cookie.getName())) {
                        return supported(Locale.forLanguageTag(cookie.getValue()));
                    }
                }
            }
            if (request.getHeader("Accept-Language") == null) {
                return Locale.ENGLISH;
            }
            List<Locale> preferred = Collections.list(request.getLocales());
            return preferred.stream().filter(l -> "zh".equals(l.getLanguage()) || "en".equals(l.getLanguage())).findFirst()
                    .map(ConsoleLocales::supported).orElse(Locale.ENGLISH);
        }

        @Override
        public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
            request.setAttribute(COOKIE, supported(locale));
            Cookie cookie = new Cookie(COOKIE, supported(locale).toLanguageTag());
            cookie.setPath("/console");
            cookie.setHttpOnly(true);
            cookie.setMaxAge(365 * 24 * 3600);
            cookie.setAttribute("SameSite", "Lax");
            response.addCookie(cookie);
        }
    }
}
