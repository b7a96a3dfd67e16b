"""Statements inside ``views``: view definitions, their include/exclude lists, dynamic steps, styles."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import model as m
from .lexer import Line
from .model_statements import key_value_block
from .rules import DUPLICATE_VIEW_KEY, NO_RELATIONSHIP_FOR_STEP, UNKNOWN_IDENTIFIER
from .styles import COLOUR_KEYS, is_colour

if TYPE_CHECKING:
    from .parser import DslParser, Stream

#: keyword -> (view type, what the scope argument must be: None, "system", "container", "any")
VIEW_KEYWORDS = {
    "systemlandscape": ("SystemLandscape", None),
    "systemcontext": ("SystemContext", "system"),
    "container": ("Container", "system"),
    "component": ("Component", "container"),
    "dynamic": ("Dynamic", "any"),
    "deployment": ("Deployment", "any"),
    "custom": ("Custom", None),
    "image": ("Image", "any"),
}
_SCOPE_TYPES = {"system": (m.SOFTWARE_SYSTEM,), "container": (m.CONTAINER,)}
_IGNORED_BLOCKS = {"branding", "terminology", "properties", "configuration"}
_IGNORED_WORDS = {"theme", "themes", "!docs", "!adrs"}


@dataclass
class ViewsParser:
    """Parses one ``views`` block into the workspace of a :class:`DslParser`."""

    p: "DslParser"

    def views_block(self, stream: "Stream", opener: Line) -> None:
        for line in self.p.block_lines(stream, opener, "views"):
            word = line.tokens[0].text.lower()
            if word in VIEW_KEYWORDS:
                self.view(stream, line, word)
            elif word == "filtered":
                self.filtered(stream, line)
            elif word == "styles":
                if self.p.expect_block(line, "styles"):
                    self.styles(stream, line)
            elif word in _IGNORED_BLOCKS and line.opens_block:
                self.p.skip_block(stream)
            elif word in _IGNORED_WORDS:
                if line.opens_block:
                    self.p.skip_block(stream)
            else:
                self.p.unexpected(stream, line, "views", "a view (systemLandscape, systemContext, "
                                  "container, component, dynamic, deployment, filtered, image, custom) "
                                  "or 'styles'")

    # ---------------------------------------------------------------- views

    def _key(self, view_type: str, given: str | None, line: Line, index: int) -> str:
        existing = {v.key for v in self.p.workspace.views}
        if given:
            if given in existing:
                tok = line.tokens[index]
                self.p.findings.append(DUPLICATE_VIEW_KEY.at(
                    f"view key '{given}' is already used by another view", line.file, tok.line, tok.column))
            return given
        n = 1
        while f"{view_type}-{n:03d}" in existing:
            n += 1
        return f"{view_type}-{n:03d}"

    def view(self, stream: "Stream", line: Line, word: str) -> None:
        view_type, scope_kind = VIEW_KEYWORDS[word]
        args = self.p.args(line, 1)
        place = m.Place(line.file, line.line, line.tokens[0].column)
        scope: m.Element | None = None
        index = 1
        environment = None
        if scope_kind is not None:
            if not args:
                self.p.error(f"expected {'a software system' if scope_kind == 'system' else 'a container' if scope_kind == 'container' else 'a scope'} "
                             f"after '{line.tokens[0].text}'", line, line.tokens[0])
                if line.opens_block:
                    self.p.skip_block(stream)
                return
            if args[0] != "*":
                scope = self.p.resolve(args[0], line, line.tokens[1])
                if scope is not None and scope_kind in _SCOPE_TYPES and scope.type not in _SCOPE_TYPES[scope_kind]:
                    wanted = "software system" if scope_kind == "system" else "container"
                    self.p.error(f"'{args[0]}' is a {scope.type_label.lower()}, expected a {wanted}",
                                 line, line.tokens[1])
                    scope = None
                if scope is None:
                    if line.opens_block:
                        self.p.skip_block(stream)
                    return
            args = args[1:]
            index = 2
            if view_type == "Deployment":
                if not args:
                    self.p.error("expected a deployment environment after the deployment view scope",
                                 line, line.tokens[-1])
                    if line.opens_block:
                        self.p.skip_block(stream)
                    return
                environment = args[0]
                known = {e.environment.lower() for e in self.p.workspace.elements if e.environment}
                if environment.lower() not in known:
                    tok = line.tokens[2]
                    self.p.findings.append(UNKNOWN_IDENTIFIER.at(
                        f"unknown deployment environment '{environment}'", line.file, tok.line, tok.column))
                else:
                    environment = next(e.environment for e in self.p.workspace.elements
                                       if e.environment and e.environment.lower() == environment.lower())
                args = args[1:]
                index = 3
        key = self._key(view_type, args[0] if args else None, line, index)
        view = m.View(key=key, type=view_type, place=place, scope=scope, environment=environment)
        if view_type == "Custom":
            view.title = args[1] if len(args) > 1 else ""
            view.description = args[2] if len(args) > 2 else ""
        elif len(args) > 1:
            view.description = args[1]
        self.p.workspace.views.append(view)
        if not self.p.expect_block(line, f"'{line.tokens[0].text} {' '.join(t.text for t in line.tokens[1:])}'"):
            return
        self.view_block(stream, line, view, word)

    def filtered(self, stream: "Stream", line: Line) -> None:
        args = self.p.args(line, 1)
        if len(args) < 3 or args[1].lower() not in ("include", "exclude"):
            self.p.error("expected 'filtered <base view key> <include|exclude> <tags> [key] [description]'",
                         line, line.tokens[0])
            if line.opens_block:
                self.p.skip_block(stream)
            return
        key = self._key("Filtered", args[3] if len(args) > 3 else None, line, 4)
        view = m.View(key=key, type="Filtered", place=m.Place(line.file, line.line, line.tokens[0].column),
                      base_key=args[0], filter_mode=args[1].lower(),
                      filter_tags=[t.strip() for t in args[2].split(",") if t.strip()],
                      description=args[4] if len(args) > 4 else "")
        self.p.workspace.views.append(view)
        if line.opens_block:
            self.view_block(stream, line, view, "filtered")

    def view_block(self, stream: "Stream", opener: Line, view: m.View, word: str) -> None:
        counter = [0]
        for line in self.p.block_lines(stream, opener, f"{word} view"):
            if self.view_statement(stream, line, view, word, counter):
                continue
            if view.type == "Dynamic" and self.step_or_parallel(stream, line, view, counter):
                continue
            self.p.unexpected(stream, line, f"the {word} view", "'include', 'exclude', 'autoLayout', "
                              "'title', 'description', 'animation' or 'properties'")

    def view_statement(self, stream: "Stream", line: Line, view: m.View, word: str, counter: list[int]) -> bool:
        key = line.tokens[0].text.lower()
        args = self.p.args(line, 1)
        if key in ("include", "exclude") and view.type not in ("Image",):
            if not args:
                self.p.error(f"expected an element or relationship expression after '{line.tokens[0].text}'",
                             line, line.tokens[0])
                return True
            target = view.includes if key == "include" else view.excludes
            tokens = [t for t in line.tokens[1:] if not (t.text == "{" and not t.quoted)]
            if any(t.text == "->" for t in tokens):
                # `include a -> b` written with spaces is one relationship expression
                target.append(m.Expression(" ".join(t.text for t in tokens),
                                           m.Place(line.file, tokens[0].line, tokens[0].column)))
            else:
                for t in tokens:
                    target.append(m.Expression(t.text, m.Place(line.file, t.line, t.column)))
            return True
        if key == "autolayout":
            direction = args[0].lower() if args else "tb"
            if direction not in ("tb", "bt", "lr", "rl"):
                self.p.error("expected tb, bt, lr or rl after autoLayout", line, line.tokens[1])
                direction = "tb"
            view.auto_layout = direction
            return True
        if key in ("title", "description") and args:
            setattr(view, key, args[0])
            return True
        if key == "properties" and line.opens_block:
            key_value_block(self.p, stream, line, view.properties, "properties")
            return True
        if key == "animation" and line.opens_block:
            self.p.skip_block(stream)
            return True
        if key == "default" or (key in ("!docs", "!adrs")):
            return True
        if view.type == "Image" and key in ("image", "plantuml", "mermaid", "kroki", "theme"):
            if args:
                view.image = args[-1]
            return True
        return False

    # ---------------------------------------------------------------- dynamic views

    def step_or_parallel(self, stream: "Stream", line: Line, view: m.View, counter: list[int]) -> bool:
        if line.words == ["{"]:
            self.parallel(stream, line, view, counter)
            return True
        tokens = line.tokens
        if len(tokens) >= 3 and tokens[1].text == "->":
            source = self.p.resolve(tokens[0].text, line, tokens[0])
            destination = self.p.resolve(tokens[2].text, line, tokens[2])
            args = self.p.args(line, 3)
            if source is None or destination is None:
                return True
            self.add_step(line, view, counter, source, destination, args)
            return True
        relationship = self.p.register.relationship(tokens[0].text)
        if relationship is not None:
            args = self.p.args(line, 1)
            self.add_step(line, view, counter, relationship.source, relationship.destination, args,
                          relationship)
            return True
        return False

    def add_step(self, line: Line, view: m.View, counter: list[int], source: m.Element,
                 destination: m.Element, args: list[str], chosen: m.Relationship | None = None) -> None:
        technology = args[1] if len(args) > 1 else None
        response = False
        relationship = chosen
        if relationship is None:
            forward = list(self.p.workspace.between(source, destination))
            backward = self.p.workspace.between(destination, source)
            if technology:
                forward = [r for r in forward if r.technology == technology] or forward
            if forward:
                relationship = forward[0]
            elif backward:
                relationship, response = backward[0], True
        if relationship is None:
            self.p.findings.append(NO_RELATIONSHIP_FOR_STEP.at(
                f"dynamic view '{view.key}': no relationship between {source.id} and {destination.id} "
                f"in either direction", line.file, line.line, line.tokens[0].column))
            return
        counter[0] += 1
        description = args[0] if args else relationship.description
        view.steps.append(m.Step(str(counter[0]), relationship, description, response))

    def parallel(self, stream: "Stream", opener: Line, view: m.View, counter: list[int]) -> None:
        start = counter[0]
        highest = start
        for line in self.p.block_lines(stream, opener, "parallel"):
            if line.words == ["{"]:
                branch = [start]
                for inner in self.p.block_lines(stream, line, "parallel sequence"):
                    if not self.step_or_parallel(stream, inner, view, branch):
                        self.p.unexpected(stream, inner, "a parallel sequence", "a step 'a -> b'")
                highest = max(highest, branch[0])
            elif not self.step_or_parallel(stream, line, view, [start]):
                self.p.unexpected(stream, line, "a parallel block", "'{' or a step 'a -> b'")
            else:
                highest = max(highest, start + 1)
        counter[0] = highest

    # ---------------------------------------------------------------- styles

    def styles(self, stream: "Stream", opener: Line) -> None:
        for line in self.p.block_lines(stream, opener, "styles"):
            word = line.tokens[0].text.lower()
            args = self.p.args(line, 1)
            if word in ("element", "relationship") and args and line.opens_block:
                style = m.ElementStyle(args[0])
                for inner in self.p.block_lines(stream, line, f"{word} style"):
                    if inner.opens_block:  # e.g. `properties { }` inside a style
                        self.p.skip_block(stream)
                        continue
                    if len(inner.tokens) < 2:
                        self.p.error(f"expected a value after '{inner.tokens[0].text}'", inner)
                        continue
                    key, value = inner.tokens[0].text.lower(), inner.tokens[1].text
                    if key in COLOUR_KEYS and not is_colour(value):
                        self.p.error(f"{value!r} is not a colour: expected #rrggbb, #rgb or a "
                                     f"colour name; the default is used", inner, inner.tokens[1])
                        continue
                    style.values[key] = value
                target = (self.p.workspace.element_styles if word == "element"
                          else self.p.workspace.relationship_styles)
                target.append(style)
            elif word in ("element", "relationship"):
                self.p.error(f"expected '{word} \"<tag>\" {{'", line, line.tokens[-1])
                if line.opens_block:
                    self.p.skip_block(stream)
            elif word in ("light", "dark") and line.opens_block:
                self.styles(stream, line)
            else:
                self.p.unexpected(stream, line, "styles", "'element \"<tag>\" {' or 'relationship \"<tag>\" {'")
