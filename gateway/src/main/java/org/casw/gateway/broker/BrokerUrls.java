package org.casw.gateway.broker;

import java.util.regex.Pattern;

/**
 * Artemis URLs as they may appear in logs and start-up errors: a TLS acceptor or client URL carries its key and trust
 * store passwords as parameters ({@code keyStorePassword=…}), and secrets are never logged.
 */
public final class BrokerUrls {

    /** The value of every parameter whose name ends in "password", up to the next separator (Artemis takes & and ;). */
    private static final Pattern PASSWORD_VALUE = Pattern.compile("(?i)([?&;][\\w.-]*password=)[^&;]*");

    private BrokerUrls() {
    }

    /** {@code url} with each password parameter's value replaced by {@code ***}. */
    public static String redacted(String url) {
        return url == null ? null : PASSWORD_VALUE.matcher(url).replaceAll("$1***");
    }
}
