package org.casw.dist;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Dockerfile's instructions, continuation lines joined and comments dropped, as the builder reads them. */
record Dockerfile(List<Dockerfile.Instruction> instructions) {

    private static final Pattern PAIR = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S*)");

    /** One instruction: its keyword (upper case) and its arguments as written. */
    record Instruction(String keyword, String arguments) {
    }

    static Dockerfile parse(String text) {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.lines().toList()) {
            String stripped = line.strip();
            if (stripped.startsWith("#") || (stripped.isEmpty() && current.length() == 0)) {
                continue; // a comment, also between continuation lines
            }
            boolean continues = stripped.endsWith("\\");
            current.append(continues ? stripped.substring(0, stripped.length() - 1) : stripped).append(' ');
            if (!continues) {
                String instruction = current.toString().strip();
                if (!instruction.isEmpty()) {
                    int space = instruction.indexOf(' ');
                    instructions.add(new Instruction(instruction.substring(0, space < 0 ? instruction.length() : space).toUpperCase(Locale.ROOT),
                            space < 0 ? "" : instruction.substring(space + 1).strip()));
                }
                current.setLength(0);
            }
        }
        return new Dockerfile(List.copyOf(instructions));
    }

    List<String> all(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
    }

    /** The last instruction of that kind (the one in effect), or empty text. */
    String last(String keyword) {
        List<String> all = all(keyword);
        return all.isEmpty() ? "" : all.get(all.size() - 1);
    }

    /** ENV's and ARG's name=value pairs, quotes removed. */
    Map<String, String> pairs(String keyword) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String arguments : all(keyword)) {
            Matcher matcher = PAIR.matcher(arguments);
            while (matcher.find()) {
                pairs.put(matcher.group(1), matcher.group(2).replaceAll("^\"|\"$", ""));
            }
        }
        return pairs;
    }
}
