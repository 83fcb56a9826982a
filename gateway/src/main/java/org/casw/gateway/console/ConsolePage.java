package org.casw.gateway.console;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller whose pages belong to the console, in this package or in a module that adds one (the sandbox):
 * its pages get the menu, the person's name and the language links ({@link ConsoleNavigation}); the API's controllers
 * do not pay for them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ConsolePage {
}
