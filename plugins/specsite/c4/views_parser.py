"""Statements inside ``views``: view definitions, their include/exclude lists, dynamic steps, styles."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import model as m
from .lexer import Line
from .model_statements import key_value_block
from .rules import DUPLICATE_VIEW_KEY, NO_RELATIONSHIP_FOR_STEP, UNKNOWN_IDENTIFIER, UNSUPPORTED
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
#: the types a scope identifier is resolved to first, for each view type
_PREFERRED_SCOPE = {"Dynamic": (m.SOFTWARE_SYSTEM, m.CONTAINER), "Deployment": (m.SOFTWARE_SYSTEM,)}
_IGNORED_BLOCKS = {"branding", "terminology", "properties", "configuration"}
_IGNORED_WORDS = {"!docs", "!adrs", "!decisions"}
_IMAGE_SOURCES = ("image", "plantuml", "mermaid", "kroki")
#: what Structurizr reads in element and relationship styles (anything else is a mistake)
_ELEMENT_STYLE_WORDS = {"shape", "icon", "iconposition", "width", "height", "background", "color", "colour",
                        "stroke", "strokewidth", "fontsize", "border", "opacity", "metadata", "description"}
_RELATIONSHIP_STYLE_WORDS = {"thickness", "color", "colour", "dashed", "style", "linestyle", "routing",
                             "fontsize", "width", "position", "opacity", "jump"}


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
            elif word in ("theme", "themes"):
                self.themes(line)
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
                scope = self.p.resolve(args[0], line, line.tokens[1], types=_SCOPE_TYPES.get(scope_kind) or _PREFERRED_SCOPE.get(view_type))
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
                # the environment by identifier or by name
                environment = self.p.register.environment(args[0]) or args[0]
                known = {e.lower() for e in self.p.workspace.environments}
                if environment.lower() not in known:
                    tok = line.tokens[2]
                    self.p.findings.append(UNKNOWN_IDENTIFIER.at(
                        f"unknown deployment environment '{environment}'", line.file, tok.line, tok.column))
                else:
                    environment = next(e for e in self.p.workspace.environments
                                       if e.lower() == environment.lower())
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
        counter = Sequence()
        for line in self.p.block_lines(stream, opener, f"{word} view"):
            if self.view_statement(stream, line, view, word, counter):
                continue
            if view.type == "Dynamic" and self.step_or_parallel(stream, line, view, counter):
                continue
            self.p.unexpected(stream, line, f"the {word} view", "'include', 'exclude', 'autoLayout', "
                              "'title', 'description', 'animation' or 'properties'")

    def view_statement(self, stream: "Stream", line: Line, view: m.View, word: str, counter: "Sequence") -> bool:
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
                expressions = [m.Expression(" ".join(t.text for t in tokens),
                                            m.Place(line.file, tokens[0].line, tokens[0].column))]
            else:
                expressions = [m.Expression(t.text, m.Place(line.file, t.line, t.column)) for t in tokens]
            target.extend(expressions)
            view.statements.extend((key, e) for e in expressions)
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
        if view.type == "Image" and key in _IMAGE_SOURCES:
            if args:
                view.image = args[-1]
            return True
        if view.type == "Image" and key in ("light", "dark") and line.opens_block:
            # Structurizr 5: one picture for the light colour scheme, another for the dark one
            for inner in self.p.block_lines(stream, line, key):
                inner_args = self.p.args(inner, 1)
                if inner.tokens[0].text.lower() in _IMAGE_SOURCES and inner_args:
                    setattr(view, "image" if key == "light" else "image_dark", inner_args[-1])
                else:
                    self.p.unexpected(stream, inner, f"{key} in an image view", "'image', 'plantuml', "
                                      "'mermaid' or 'kroki'")
            return True
        return False

    # ---------------------------------------------------------------- dynamic views

    def step_or_parallel(self, stream: "Stream", line: Line, view: m.View, counter: "Sequence") -> bool:
        """A step (``[order:] a -> b [description] [technology]``, ``[order:] <relationship>``) or ``{``."""
        if line.words == ["{"]:
            self.parallel(stream, line, view, counter)
            return True
        tokens = line.tokens
        order = None
        if len(tokens) > 1 and tokens[0].text.endswith(":") and not tokens[0].quoted:
            order, tokens = tokens[0].text[:-1], tokens[1:]
        step_line = Line(tokens, line.file, line.line, line.folder)
        if len(tokens) >= 3 and tokens[1].text == "->":
            source = self.p.resolve(tokens[0].text, line, tokens[0], types=m.STATIC_TYPES)
            destination = self.p.resolve(tokens[2].text, line, tokens[2], types=m.STATIC_TYPES)
            args = self.p.args(step_line, 3)
            if len(args) > 2:
                self.p.error("too many arguments for a dynamic view step: expected description and "
                             "technology", line, tokens[5])
            for token, end in ((tokens[0], source), (tokens[2], destination)):
                if end is not None and end.type not in m.STATIC_TYPES:
                    self.p.error(f"'{token.text}' is a {end.type_label.lower()}: a dynamic view step joins "
                                 f"people, software systems, containers, components or custom elements",
                                 line, token)
                    source = None
            step = None if source is None or destination is None else \
                self.add_step(line, view, counter, source, destination, args, order=order)
            self.step_block(stream, line, step)
            return True
        relationship = self.p.register.relationship(tokens[0].text)
        if relationship is not None:
            args = self.p.args(step_line, 1)
            step = self.add_step(line, view, counter, relationship.source, relationship.destination, args,
                                 relationship, order=order)
            self.step_block(stream, line, step)
            return True
        return False

    def step_block(self, stream: "Stream", line: Line, step: m.Step | None) -> None:
        """``a -> b { url ... properties { } }``: what a step's block may say."""
        if not line.opens_block:
            return
        if step is None:
            self.p.skip_block(stream)
            return
        for inner in self.p.block_lines(stream, line, "dynamic view step"):
            word = inner.tokens[0].text.lower()
            args = self.p.args(inner, 1)
            if word == "url" and len(args) == 1:
                step.url = args[0]
            elif word == "properties" and inner.opens_block:
                key_value_block(self.p, stream, inner, step.properties, "properties")
            else:
                self.p.unexpected(stream, inner, "a dynamic view step", "'url' or 'properties'")

    def add_step(self, line: Line, view: m.View, counter: "Sequence", source: m.Element,
                 destination: m.Element, args: list[str], chosen: m.Relationship | None = None,
                 order: str | None = None) -> m.Step | None:
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
            return None
        number = counter.next()
        description = args[0] if args else relationship.description
        step = m.Step(order or number, relationship, description, response, technology=technology or "")
        view.steps.append(step)
        counter.stepped = True
        return step

    def parallel(self, stream: "Stream", opener: Line, view: m.View, counter: "Sequence") -> None:
        """``{ ... }``: a parallel sequence, numbered the way Structurizr numbers it."""
        inner = Sequence(counter.value, parent=counter)
        for line in self.p.block_lines(stream, opener, "parallel sequence"):
            if not self.step_or_parallel(stream, line, view, inner):
                self.p.unexpected(stream, line, "a parallel sequence", "'{' or a step 'a -> b'")
        if not inner.stepped:
            # a group of parallel sequences: numbering carries on after the number they started at
            counter.value = inner.value + 1
        # a sequence with steps of its own: numbering returns to where it started

    # ---------------------------------------------------------------- styles

    def styles(self, stream: "Stream", opener: Line) -> None:
        for line in self.p.block_lines(stream, opener, "styles"):
            word = line.tokens[0].text.lower()
            args = self.p.args(line, 1)
            if word in ("element", "relationship") and args and line.opens_block:
                style = m.ElementStyle(args[0])
                known = _ELEMENT_STYLE_WORDS if word == "element" else _RELATIONSHIP_STYLE_WORDS
                for inner in self.p.block_lines(stream, line, f"{word} style"):
                    key = inner.tokens[0].text.lower()
                    if inner.opens_block:  # e.g. `properties { }` inside a style
                        if key != "properties":
                            self.p.error(f"unexpected '{inner.tokens[0].text}' block in a {word} style", inner)
                        self.p.skip_block(stream)
                        continue
                    if key not in known:
                        self.p.error(f"unexpected '{inner.tokens[0].text}' in a {word} style; expected "
                                     f"{', '.join(sorted(known))} or properties", inner)
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
            elif word in ("theme", "themes"):
                self.themes(line)
            else:
                self.p.unexpected(stream, line, "styles", "'element \"<tag>\" {' or 'relationship \"<tag>\" {'")

    def themes(self, line: Line) -> None:
        """``theme default`` is the look we draw; a theme by URL or file is not fetched."""
        if len(line.tokens) < 2:
            self.p.error(f"expected a theme after '{line.tokens[0].text}'", line)
            return
        for token in line.tokens[1:]:
            if token.text.lower() == "default" or (token.text == "{" and not token.quoted):
                continue
            self.p.findings.append(UNSUPPORTED.at(
                f"theme {token.text}: themes are not fetched (no network at build time); its styles are "
                f"not applied — copy them into 'styles' to use them", line.file, token.line, token.column))


class Sequence:
    """Structurizr's step numbers: a counter, and a child counter for each parallel sequence."""

    def __init__(self, value: int = 0, parent: "Sequence | None" = None) -> None:
        self.value = value
        self.parent = parent
        #: whether a step was numbered directly in this sequence
        self.stepped = False

    def next(self) -> str:
        self.value += 1
        return str(self.value)
