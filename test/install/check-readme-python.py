"""Checks the README's Python quick start against the Python code jsii-pacmak generated.

PyPI is out of reach here, so the quick start cannot run; instead every name it imports from
cdktf_vertex_training must be a class of the generated module, and every call of one of those classes
or of their static methods must pass only parameters the generated signature has, and all the
required ones. Usage: python3 check-readme-python.py README.md dist/jsii/python
"""
import ast
import pathlib
import re
import sys

MODULE = "cdktf_vertex_training"


def python_blocks(readme: str) -> list:
    return re.findall(r"```python\n(.*?)```", readme, flags=re.S)


def signature(function: ast.FunctionDef) -> tuple:
    """(positional parameter names without self/cls, keyword-only names, required keyword-only names)."""
    positional = [a.arg for a in function.args.args if a.arg not in ("self", "cls")]
    keyword_only = [a.arg for a in function.args.kwonlyargs]
    required = {a.arg for a, d in zip(function.args.kwonlyargs, function.args.kw_defaults) if d is None}
    defaults = len(function.args.defaults)
    required_positional = positional[: len(positional) - defaults] if defaults else positional
    return positional, keyword_only, required, required_positional


def main(readme_path: str, generated_dir: str) -> int:
    generated = ast.parse(pathlib.Path(generated_dir, "src", MODULE, "__init__.py").read_text())
    classes = {node.name: node for node in generated.body if isinstance(node, ast.ClassDef)}
    blocks = python_blocks(pathlib.Path(readme_path).read_text())
    if not blocks:
        print("check-readme-python: the README has no ```python block", file=sys.stderr)
        return 1
    problems = []
    for block in blocks:
        tree = ast.parse(block)
        imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module == MODULE for alias in node.names}
        problems += [f"{name} is not a class of the generated {MODULE}" for name in sorted(imported - classes.keys())]
        for call in (node for node in ast.walk(tree) if isinstance(node, ast.Call)):
            target = call.func
            if isinstance(target, ast.Name) and target.id in imported & classes.keys():
                owner, member, label = classes[target.id], "__init__", target.id
            elif isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and target.value.id in imported & classes.keys():
                owner, member, label = classes[target.value.id], target.attr, f"{target.value.id}.{target.attr}"
            else:
                continue
            functions = [n for n in owner.body if isinstance(n, ast.FunctionDef) and n.name == member]
            if not functions:
                problems.append(f"{label}: the generated class has no {member}")
                continue
            positional, keyword_only, required, required_positional = signature(functions[0])
            given = [k.arg for k in call.keywords]
            for name in given:
                if name not in positional and name not in keyword_only:
                    problems.append(f"{label}: no parameter {name} (it takes {', '.join(positional + keyword_only)})")
            if len(call.args) > len(positional):
                problems.append(f"{label}: {len(call.args)} positional arguments, it takes {len(positional)}")
            missing = [n for n in required_positional[len(call.args):] if n not in given] + sorted(required - set(given))
            if missing:
                problems.append(f"{label}: missing {', '.join(missing)}")
    for problem in problems:
        print(f"check-readme-python: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
