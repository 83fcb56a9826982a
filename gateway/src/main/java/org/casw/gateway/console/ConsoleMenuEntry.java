package org.casw.gateway.console;

/**
 * An operator's page a module adds to the console (the sandbox partners' fault controls on the default run): a bean
 * of this type puts it on the menu; {@code label} is a key of the console's texts.
 */
public record ConsoleMenuEntry(String key, String path, String label) {
}
