"""Where specsite's settings come from outside MkDocs: the ``specsite`` entry of mkdocs.yml (read
as plain YAML, MkDocs not needed) plus command-line overrides."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from .core.config import SpecsiteConfig, describe_errors
from .core.project import Project


class SettingsError(Exception):
    """A usage or configuration problem: ``specsite`` exits with 2."""


@dataclass
class Settings:
    """The project, its specsite configuration and its docs folder (None without mkdocs.yml)."""

    project: Project
    config: SpecsiteConfig
    docs_dir: Path | None
    config_file: Path | None = None
    #: the mkdocs.yml lists the specsite plugin (False without mkdocs.yml)
    plugin_listed: bool = False


class _LenientLoader(yaml.SafeLoader):
    """mkdocs.yml may hold ``!ENV`` and ``!!python/name:`` tags; their values do not matter here."""


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


_LenientLoader.add_multi_constructor("!", _any_tag)
_LenientLoader.add_multi_constructor("tag:yaml.org,2002:python/", _any_tag)


def plugin_options(mkdocs_config: dict) -> dict | None:
    """The ``specsite`` plugin's options from a parsed mkdocs.yml (``None`` if not listed)."""
    plugins = mkdocs_config.get("plugins") or []
    if isinstance(plugins, dict):
        plugins = [{k: v} for k, v in plugins.items()]
    for entry in plugins:
        if entry == "specsite":
            return {}
        if isinstance(entry, dict) and "specsite" in entry:
            return entry["specsite"] or {}
    return None


def project_file(root: Path, config_file: Path | None) -> str:
    """How findings name the configuration file: relative to the root, or the command line."""
    if config_file is None:
        return "(command line)"
    return Path(config_file).resolve().relative_to(root).as_posix()


def load_settings(config_file: str | None, overrides: dict[str, list[str]], cwd: Path) -> Settings:
    """Settings from mkdocs.yml (``config_file`` or ``./mkdocs.yml`` if present) and CLI flags.

    Paths typed on the command line are relative to ``cwd`` and trusted: the sandbox widens to them.
    """
    path = Path(config_file) if config_file else cwd / "mkdocs.yml"
    if not path.is_absolute():
        path = cwd / path
    options: dict = {}
    docs_dir = None
    listed = False
    if path.is_file():
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LenientLoader) or {}
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            raise SettingsError(f"{path.name}: cannot read it as YAML: {exc}") from None
        except RecursionError:
            raise SettingsError(f"{path.name}: cannot read it as YAML: nested too deeply") from None
        if not isinstance(data, dict):
            raise SettingsError(f"{path.name}: expected a mapping of settings")
        listed = plugin_options(data) is not None
        options = dict(plugin_options(data) or {})
        root = path.parent.resolve()
        docs_dir = root / str(data.get("docs_dir", "docs"))
    elif config_file:
        raise SettingsError(f"config file {config_file} does not exist")
    else:
        root, path = cwd.resolve(), None
    project = Project(root, config_file=project_file(root, path))
    if any(overrides.values()):
        # Spec paths on the command line are the whole spec set: the configured ones and the
        # docs pages (whose references point into them) are left out; other options still apply.
        docs_dir = None
        for key, values in overrides.items():
            absolute = [str((cwd / v).resolve()) for v in values]
            for value in absolute:
                project.allow(value if Path(value).is_dir() else str(Path(value).parent))
            options[key] = absolute
    try:
        config = SpecsiteConfig.model_validate(options)
    except ValidationError as exc:
        where = f"{project.rel(path)}: plugins.specsite: " if path else ""
        raise SettingsError("\n".join(describe_errors(exc, where))) from None
    return Settings(project, config, docs_dir, path, listed)
