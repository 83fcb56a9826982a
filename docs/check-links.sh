#!/usr/bin/env bash
# Checks every relative link in the repository's Markdown: the target file or directory exists and, for a link to
# a heading (file.md#heading), the heading exists (GitHub's anchors). Prints each broken link; exits 1 if any.
#   docs/check-links.sh              every tracked *.md
#   docs/check-links.sh README.md    only these files
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -eq 0 ]; then
  mapfile -t files < <(git ls-files '*.md'; git ls-files --others --exclude-standard '*.md')
else
  files=("$@")
fi
exec python3 - "${files[@]}" <<'EOF'
import os, re, sys

LINK = re.compile(r'(?<!!)\[(?:[^\]\\]|\\.)*\]\(([^)\s]+)(?:\s+"[^"]*")?\)|!\[[^\]]*\]\(([^)\s]+)\)')
FENCE = re.compile(r'^\s*(```|~~~)')

def strip_code(text):
    """Drops fenced blocks and inline code, where a bracket is not a link."""
    out, fenced = [], False
    for line in text.split('\n'):
        if FENCE.match(line):
            fenced = not fenced
            out.append('')
            continue
        out.append('' if fenced else re.sub(r'`[^`]*`', '', line))
    return out

def anchors(path, cache={}):
    """GitHub's heading ids: lower case, punctuation dropped, spaces to hyphens, -1, -2 … for repeats."""
    if path not in cache:
        seen, ids, fenced = {}, set(), False
        for line in open(path, encoding='utf-8'):
            if FENCE.match(line):
                fenced = not fenced
            m = None if fenced else re.match(r'^#{1,6}\s+(.*?)\s*#*\s*$', line)
            if not m:
                continue
            slug = re.sub(r'[^\w\- ]', '', m.group(1).replace('`', '').lower()).replace(' ', '-')
            n = seen.get(slug, 0)
            seen[slug] = n + 1
            ids.add(slug if n == 0 else f'{slug}-{n}')
        cache[path] = ids
    return cache[path]

broken = 0
for source in sys.argv[1:]:
    for number, line in enumerate(strip_code(open(source, encoding='utf-8').read()), 1):
        for m in LINK.finditer(line):
            target = m.group(1) or m.group(2)
            if re.match(r'^[a-z][a-z0-9+.-]*:', target):   # http:, https:, mailto: …
                continue
            path, _, fragment = target.partition('#')
            resolved = os.path.normpath(os.path.join(os.path.dirname(source), path)) if path else source
            problem = None
            if not os.path.exists(resolved):
                problem = 'no such file'
            elif fragment and resolved.endswith('.md') and fragment not in anchors(resolved):
                problem = 'no such heading'
            if problem:
                broken += 1
                print(f'{source}:{number}: {target}: {problem}')
print(f'{len(sys.argv) - 1} files checked, {broken} broken links')
sys.exit(1 if broken else 0)
EOF
