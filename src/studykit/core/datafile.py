"""Reading the instructor's data files strictly: YAML or JSON, duplicate keys refused, errors placed."""

import json
from pathlib import Path

import yaml

from studykit.core.errors import LessonDataError


# libyaml's parser where PyYAML has it (its wheels do): ten times as fast as the pure-Python one.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(SAFE_LOADER):
    """SafeLoader that rejects duplicate keys, which plain YAML silently overwrites."""


def _construct_mapping(loader, node, deep=False):
    """Build a mapping, refusing a key that appears twice (e.g. two `answer:` lines)."""
    keys = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in keys:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate field {key!r}", key_node.start_mark)
        keys.add(key)
    return loader.construct_mapping(node, deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _json_object(pairs):
    """Build a JSON object, refusing a key that appears twice."""
    keys = [key for key, _ in pairs]
    duplicate = next((key for key in keys if keys.count(key) > 1), None)
    if duplicate is not None:
        raise ValueError(f"duplicate field {duplicate!r}")
    return dict(pairs)


def read_data(path, error=LessonDataError):
    """Parse a .yml/.yaml or .json file; raise `error` naming the file, line and column on bad data."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as problem:  # reported like bad data, naming the file
        raise error(f"{path}: cannot read the file: {problem}") from problem
    suffix = path.suffix.lower()
    if suffix in (".yml", ".yaml"):
        try:
            return yaml.load(text, Loader=_StrictLoader)
        except yaml.YAMLError as problem:
            mark = getattr(problem, "problem_mark", None)
            where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
            raise error(f"{path}: {where}invalid YAML: {getattr(problem, 'problem', None) or problem}") from problem
    if suffix == ".json":
        if not text.strip():
            return None
        try:
            return json.loads(text, object_pairs_hook=_json_object)
        except json.JSONDecodeError as problem:
            raise error(f"{path}: line {problem.lineno}, column {problem.colno}: invalid JSON: {problem.msg}") from problem
        except ValueError as problem:
            raise error(f"{path}: invalid JSON: {problem}") from problem
    raise error(f"{path}: unsupported file type {suffix!r}; expected .yml, .yaml or .json")
