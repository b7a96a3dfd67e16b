"""Statements inside ``model``: elements, groups, deployment environments, relationships."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import model as m
from .identifiers import slug
from .implied import create_implied, relationship_id
from .lexer import Line, Token
from .rules import DUPLICATE_IDENTIFIER, UNKNOWN_IDENTIFIER, UNSUPPORTED

if TYPE_CHECKING:
    from .parser import DslParser, Stream

#: keyword -> (element type, names of the positional arguments after the name)
ELEMENT_KEYWORDS = {
    "person": (m.PERSON, ["description", "tags"]),
    "softwaresystem": (m.SOFTWARE_SYSTEM, ["description", "tags"]),
    "container": (m.CONTAINER, ["description", "technology", "tags"]),
    "component": (m.COMPONENT, ["description", "technology", "tags"]),
    "element": (m.CUSTOM, ["metadata", "description", "tags"]),
    "deploymentnode": (m.DEPLOYMENT_NODE, ["description", "technology", "tags", "instances"]),
    "infrastructurenode": (m.INFRASTRUCTURE_NODE, ["description", "technology", "tags"]),
}
INSTANCE_KEYWORDS = {
    "softwaresysteminstance": (m.SOFTWARE_SYSTEM_INSTANCE, m.SOFTWARE_SYSTEM),
    "containerinstance": (m.CONTAINER_INSTANCE, m.CONTAINER),
    "instanceof": (None, None),
}
#: which keywords may appear directly inside each kind of block
CHILDREN = {
    "model": {"person", "softwaresystem", "element", "group", "enterprise", "deploymentenvironment"},
    m.SOFTWARE_SYSTEM: {"container", "group"},
    m.CONTAINER: {"component", "group"},
    "environment": {"deploymentnode", "deploymentgroup", "group", "infrastructurenode"},
    m.DEPLOYMENT_NODE: {"deploymentnode", "infrastructurenode", "softwaresysteminstance",
                        "containerinstance", "instanceof", "group"},
}
_HOMES = {m.SOFTWARE_SYSTEM: "softwareSystem", m.CONTAINER: "container",
          m.DEPLOYMENT_NODE: "deploymentNode", "environment": "deploymentEnvironment"}
_PROPERTY_WORDS = {"description", "technology", "tags", "tag", "url", "properties", "perspectives",
                   "instances", "metadata", "healthcheck", "!docs", "!adrs"}


@dataclass
class Context:
    """Where a statement is: the element whose block we are in, its group, its environment."""

    element: m.Element | None = None
    group: str | None = None
    environment: str | None = None
    #: prefix of made-up identifiers in a deployment environment (its identifier or slug)
    prefix: str = ""
    #: hierarchical identifiers: the environment's own identifier, if it was given one
    env_id: str = ""


def _scope(ctx: Context) -> str:
    if ctx.element is not None:
        return ctx.element.type
    return "environment" if ctx.environment is not None else "model"


def element_statement(p: "DslParser", stream: "Stream", line: Line, ctx: Context, what: str) -> None:
    """One statement of a model-level block."""
    tokens = line.tokens
    identifier: Token | None = None
    if len(tokens) >= 3 and tokens[1].text == "=" and not tokens[1].quoted and not tokens[0].quoted:
        identifier, tokens = tokens[0], tokens[2:]
    body = Line(tokens, line.file, line.line, line.folder)
    if any(t.text == "->" and not t.quoted for t in tokens):
        relationship_statement(p, stream, body, ctx, identifier)
        return
    word = tokens[0].text.lower()
    scope = _scope(ctx)
    if any(t.text == "-/>" and not t.quoted for t in tokens):
        p.findings.append(UNSUPPORTED.at("removing a relationship (-/>) is not supported; skipped",
                                         line.file, line.line, tokens[0].column))
    elif word in ("!ref", "!element", "!extend"):
        reopen(p, stream, body, ctx, word)
    elif word == "!relationship":
        reopen_relationship(p, stream, body)
    elif word in CHILDREN.get(scope, set()):
        if word == "group" or word == "enterprise":
            group_statement(p, stream, body, ctx, word)
        elif word == "deploymentenvironment":
            environment_statement(p, stream, body, ctx, identifier)
        elif word == "deploymentgroup":
            if len(tokens) < 2:
                p.error("expected a name after deploymentGroup", body)
            elif identifier is not None:
                p.register.claim(identifier.text)
        elif word in INSTANCE_KEYWORDS:
            instance_statement(p, stream, body, ctx, identifier, word)
        else:
            new_element(p, stream, body, ctx, identifier, word)
    elif ctx.element is not None and word in _PROPERTY_WORDS:
        property_statement(p, stream, body, ctx.element, word)
    elif word in ELEMENT_KEYWORDS or word in INSTANCE_KEYWORDS or word in CHILDREN["model"]:
        where = f"a {ctx.element.type_label.lower()}" if ctx.element else what
        home = next((k for k, v in CHILDREN.items() if word in v and k not in ("model", scope)), None)
        hint = f" (it belongs in a {_HOMES.get(home, home)} block)" if home else ""
        p.error(f"'{tokens[0].text}' is not allowed in {where}{hint}", body)
        if body.opens_block:
            p.skip_block(stream)
    else:
        p.unexpected(stream, body, what, _expected(scope, ctx.element is not None))


@functools.lru_cache(maxsize=None)
def _expected(scope: str, in_element: bool) -> str:
    """What a statement in ``scope`` may be, for the message about one that is none of them
    (made once per scope: bad DSL asks for it on every line)."""
    expected = ", ".join(sorted(CHILDREN.get(scope, set())))
    extra = "a property, " if in_element else ""
    return f"{extra}{expected or 'a property'} or a relationship"


def _place(line: Line, token: Token | None = None) -> m.Place:
    tok = token or line.tokens[0]
    return m.Place(line.file, tok.line, tok.column)


def _assign_id(p: "DslParser", element: m.Element, identifier: Token | None, ctx: Context, line: Line,
               fallback: str) -> None:
    """Give ``element`` its identifier: the one written (hierarchical or flat) or one made up."""
    if identifier is not None:
        name = identifier.text
        if p.register.hierarchical:
            named = next((a for a in ([ctx.element] if ctx.element else []) + (ctx.element.ancestors() if ctx.element else [])
                          if a.named), None)
            if named is not None:
                name = f"{named.id}.{name}"
            elif ctx.env_id:
                name = f"{ctx.env_id}.{name}"
        if not p.register.claim(name):
            p.findings.append(DUPLICATE_IDENTIFIER.at(
                f"identifier '{identifier.text}' is already used by another element or relationship",
                line.file, identifier.line, identifier.column))
            element.id = p.register.unique(name)
        else:
            element.id = name
        element.named = True
    else:
        if ctx.element is not None:
            base = f"{ctx.element.id}.{fallback}"
        elif ctx.environment is not None:
            base = f"{ctx.prefix or slug(ctx.environment)}.{fallback}"
        else:
            base = fallback
        element.id = p.register.unique(base)
        element.named = False
    p.register.add_element(element)


def new_element(p: "DslParser", stream: "Stream", line: Line, ctx: Context, identifier: Token | None,
                word: str) -> None:
    kind, names = ELEMENT_KEYWORDS[word]
    args = p.args(line, 1)
    if not args:
        p.error(f"expected a name after '{line.tokens[0].text}'", line, line.tokens[0])
        if line.opens_block:
            p.skip_block(stream)
        return
    element = m.Element(id="", type=kind, name=args[0], place=_place(line), parent=ctx.element,
                        group=ctx.group, environment=ctx.environment,
                        tags=list(m.DEFAULT_TAGS[kind]))
    extra = args[1:]
    if len(extra) > len(names):
        tok = line.tokens[1 + len(names) + 1]
        p.error(f"too many arguments for {line.tokens[0].text}: expected at most {len(names) + 1}",
                line, tok)
    for key, value in zip(names, extra):
        if key == "tags":
            element.add_tags(value)
        else:
            setattr(element, key, value)
    _check_name(p, element, line)
    _assign_id(p, element, identifier, ctx, line, slug(element.name))
    p.workspace.elements.append(element)
    if line.opens_block:
        _element_block(p, stream, line, element, ctx)


def _check_name(p: "DslParser", element: m.Element, line: Line) -> None:
    """Structurizr's naming rule: names are unique among siblings of the same kind."""
    kind = "static" if element.type in (m.CONTAINER, m.COMPONENT) else element.type
    key = (id(element.parent), element.environment, kind, element.name.lower())
    other = p.register.names.setdefault(key, element)
    if other is not element:
        where = f" in {element.parent.name}" if element.parent is not None else ""
        p.findings.append(DUPLICATE_IDENTIFIER.at(
            f"a {element.type_label.lower()} named '{element.name}'{where} already exists "
            f"({other.place.file}:{other.place.line})", line.file, line.line, line.tokens[0].column))


def _element_block(p: "DslParser", stream: "Stream", line: Line, element: m.Element, ctx: Context) -> None:
    inner = Context(element=element, group=None, environment=ctx.environment, prefix=ctx.prefix,
                    env_id=ctx.env_id)
    p.element_statements(stream, line, inner, element.type_label.lower())


def instance_statement(p: "DslParser", stream: "Stream", line: Line, ctx: Context, identifier: Token | None,
                       word: str) -> None:
    kind, target_type = INSTANCE_KEYWORDS[word]
    args = p.args(line, 1)
    if not args:
        p.error(f"expected an identifier after '{line.tokens[0].text}'", line, line.tokens[0])
        if line.opens_block:
            p.skip_block(stream)
        return
    target = p.resolve(args[0], line, line.tokens[1], ctx)
    if kind is None and target is not None:  # instanceOf: the kind follows what is deployed
        target_type = target.type if target.type in (m.SOFTWARE_SYSTEM, m.CONTAINER) else m.CONTAINER
        kind = m.SOFTWARE_SYSTEM_INSTANCE if target_type == m.SOFTWARE_SYSTEM else m.CONTAINER_INSTANCE
    if target is not None and target.type != target_type:
        p.error(f"'{args[0]}' is a {target.type_label.lower()}, expected a "
                f"{m.TYPE_LABELS[target_type].lower()}", line, line.tokens[1])
        target = None
    if target is None:
        if line.opens_block:
            p.skip_block(stream)
        return
    element = m.Element(id="", type=kind, name=target.name, place=_place(line), parent=ctx.element,
                        group=ctx.group, environment=ctx.environment, instance_of=target,
                        description=target.description, technology=target.technology,
                        tags=list(m.DEFAULT_TAGS[kind]))
    if len(args) > 1:
        element.deployment_groups = [g.strip().lower() for g in args[1].split(",") if g.strip()]
    if len(args) > 2:
        element.add_tags(args[2])
    _assign_id(p, element, identifier, ctx, line, target.id.split(".")[-1])
    p.workspace.elements.append(element)
    if line.opens_block:
        _element_block(p, stream, line, element, ctx)


def group_statement(p: "DslParser", stream: "Stream", line: Line, ctx: Context, word: str) -> None:
    args = p.args(line, 1)
    if not args:
        p.error(f"expected a name after '{line.tokens[0].text}'", line, line.tokens[0])
    if not p.expect_block(line, f"{word} \"{args[0] if args else ''}\""):
        return
    name = args[0] if args else ""
    group = f"{ctx.group}/{name}" if ctx.group else name
    inner = Context(element=ctx.element, group=group, environment=ctx.environment, prefix=ctx.prefix,
                    env_id=ctx.env_id)
    p.element_statements(stream, line, inner, word)


def environment_statement(p: "DslParser", stream: "Stream", line: Line, ctx: Context,
                          identifier: Token | None) -> None:
    args = p.args(line, 1)
    if not args:
        p.error("expected a name after 'deploymentEnvironment'", line, line.tokens[0])
        if line.opens_block:
            p.skip_block(stream)
        return
    if not p.expect_block(line, f"deploymentEnvironment \"{args[0]}\""):
        return
    env_id = ""
    if identifier is not None:
        p.register.claim(identifier.text)
        env_id = identifier.text if p.register.hierarchical else ""
    inner = Context(element=None, group=None, environment=args[0], prefix=env_id or slug(args[0]), env_id=env_id)
    p.element_statements(stream, line, inner, "deploymentEnvironment")


def reopen(p: "DslParser", stream: "Stream", line: Line, ctx: Context, word: str) -> None:
    """``!ref`` / ``!element`` / ``!extend``: add to an element defined earlier (or elsewhere)."""
    if len(line.tokens) < 2 or line.tokens[1].text == "{":
        p.error(f"expected an identifier after {word}", line, line.tokens[0])
        if line.opens_block:
            p.skip_block(stream)
        return
    target = p.resolve(line.tokens[1].text, line, line.tokens[1], ctx)
    if target is None:
        if line.opens_block:
            p.skip_block(stream)
        return
    if line.opens_block:
        _element_block(p, stream, line, target, ctx)


def reopen_relationship(p: "DslParser", stream: "Stream", line: Line) -> None:
    """``!relationship <identifier> {``: add to a relationship defined earlier."""
    relationship = p.register.relationship(line.tokens[1].text) if len(line.tokens) > 1 else None
    if relationship is None:
        tok = line.tokens[1] if len(line.tokens) > 1 else line.tokens[0]
        p.findings.append(UNKNOWN_IDENTIFIER.at(
            f"unknown relationship identifier '{tok.text}'", line.file, tok.line, tok.column))
        if line.opens_block:
            p.skip_block(stream)
        return
    if line.opens_block:
        _relationship_block(p, stream, line, relationship)


def property_statement(p: "DslParser", stream: "Stream", line: Line, element: m.Element, word: str) -> None:
    """``description``, ``tags``, ``properties { }``... inside an element block."""
    args = p.args(line, 1)
    if word in ("properties", "perspectives"):
        if p.expect_block(line, word):
            target = element.properties if word == "properties" else element.perspectives
            key_value_block(p, stream, line, target, word)
        return
    if word in ("!docs", "!adrs"):
        p.folder_directive(line, element)
        return
    if not args:
        p.error(f"expected a value after '{line.tokens[0].text}'", line, line.tokens[0])
        return
    if word in ("tags", "tag"):
        element.add_tags(*args)
    elif word == "healthcheck":
        if element.type not in m.INSTANCE_TYPES:
            p.error("healthCheck is only allowed in a software system or container instance", line)
        elif len(args) < 2:
            p.error("expected a name and a URL after healthCheck", line, line.tokens[0])
        else:
            element.health_checks.append({"name": args[0], "url": args[1],
                                          "interval": args[2] if len(args) > 2 else "60",
                                          "timeout": args[3] if len(args) > 3 else "0"})
    elif word == "instances":
        if element.type != m.DEPLOYMENT_NODE:
            p.error("instances is only allowed in a deployment node", line)
        else:
            element.instances = args[0]
    else:
        setattr(element, word, args[0])


def key_value_block(p: "DslParser", stream: "Stream", opener: Line, target: dict[str, str], what: str) -> None:
    for inner in p.block_lines(stream, opener, what):
        if inner.opens_block:
            p.error(f"expected a name and a value in {what}", inner)
            p.skip_block(stream)
            continue
        if len(inner.tokens) < 2 and what != "perspectives":
            p.error(f"expected a name and a value in {what}", inner)
            continue
        target[inner.tokens[0].text] = " ".join(t.text for t in inner.tokens[1:2])


def relationship_statement(p: "DslParser", stream: "Stream", line: Line, ctx: Context,
                           identifier: Token | None) -> None:
    """``a -> b "description" "technology" "tags"`` (``this``, or nothing, for the element in scope)."""
    tokens = line.tokens
    arrow = next(i for i, t in enumerate(tokens) if t.text == "->" and not t.quoted)
    if arrow == 0:
        source = ctx.element
        if source is None:
            p.error("expected a source before '->' (an identifier, or use '->' inside an element block)",
                    line, tokens[0])
            return
    elif arrow == 1:
        source = _endpoint(p, line, tokens[0], ctx)
    else:
        p.error("expected 'source -> destination'", line, tokens[0])
        return
    if arrow + 1 >= len(tokens) or tokens[arrow + 1].text == "{":
        p.error("expected a destination after '->'", line, tokens[arrow])
        if line.opens_block:
            p.skip_block(stream)
        return
    destination = _endpoint(p, line, tokens[arrow + 1], ctx)
    args = p.args(line, arrow + 2)
    if len(args) > 3:
        p.error("too many arguments for a relationship: expected description, technology and tags",
                line, tokens[arrow + 5])
    if source is None or destination is None:
        if line.opens_block:
            p.skip_block(stream)
        return
    description = args[0] if args else ""
    technology = args[1] if len(args) > 1 else ""
    place = _place(line, tokens[0])
    duplicate = next((r for r in p.workspace.between(source, destination)
                      if not r.implied and r.linked is None and r.description == description), None)
    if duplicate is not None:
        p.findings.append(DUPLICATE_IDENTIFIER.at(
            f"relationship {source.id} -> {destination.id} \"{description}\" is already defined at "
            f"{duplicate.place.file}:{duplicate.place.line}", line.file, place.line, place.column))
        if line.opens_block:
            p.skip_block(stream)
        return
    if identifier is not None:
        if p.register.claim(identifier.text):
            rel_id = identifier.text
        else:
            p.findings.append(DUPLICATE_IDENTIFIER.at(
                f"identifier '{identifier.text}' is already used by another element or relationship",
                line.file, identifier.line, identifier.column))
            rel_id = p.register.unique(identifier.text)
    else:
        rel_id = relationship_id(p.register, source, destination)
    relationship = m.Relationship(id=rel_id, source=source, destination=destination, place=place,
                                  description=description, technology=technology)
    if len(args) > 2:
        relationship.add_tags(args[2])
    p.workspace.add_relationship(relationship)
    if identifier is not None:
        p.register.relationships[rel_id.lower()] = relationship
    if p.implied != "none":
        create_implied(p.workspace, p.register, relationship, same_only=p.implied == "same")
    if line.opens_block:
        _relationship_block(p, stream, line, relationship)


def _endpoint(p: "DslParser", line: Line, token: Token, ctx: Context) -> m.Element | None:
    if token.text.lower() == "this" and not token.quoted:
        if ctx.element is None:
            p.error("'this' is only allowed inside an element block", line, token)
        return ctx.element
    return p.resolve(token.text, line, token, ctx)


def _relationship_block(p: "DslParser", stream: "Stream", opener: Line, relationship: m.Relationship) -> None:
    for inner in p.block_lines(stream, opener, "relationship"):
        word = inner.tokens[0].text.lower()
        args = p.args(inner, 1)
        if word in ("properties", "perspectives"):
            if p.expect_block(inner, word):
                target = relationship.properties if word == "properties" else relationship.perspectives
                key_value_block(p, stream, inner, target, word)
        elif word in ("tags", "tag") and args:
            relationship.add_tags(*args)
        elif word in ("description", "technology", "url") and args:
            setattr(relationship, word, args[0])
        else:
            p.unexpected(stream, inner, "relationship",
                         "'description', 'technology', 'tags', 'url', 'properties' or 'perspectives'")
