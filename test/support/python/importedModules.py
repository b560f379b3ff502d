"""Test helper: the top-level package of every import in each given Python file, and the stdlib.

Prints one JSON object: {"stdlib": [...], "files": {path: [module, ...]}}. Reads the files with
`ast` only; nothing in them is imported or run.
"""
import ast
import json
import sys

files = {}
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        tree = ast.parse(f.read(), filename=path)
    modules = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules.add(node.module.split(".")[0])
    files[path] = sorted(modules)
print(json.dumps({"stdlib": sorted(sys.stdlib_module_names), "files": files}))
