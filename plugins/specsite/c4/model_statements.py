"""Statements inside ``model``: elements, groups, deployment environments, relationships."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import model as m
from .archetypes import Archetype, archetypes_block, is_arrow
from .canonical import find_by_canonical_name
from .identifiers import slug
from .implied import create_implied, relationship_id
from .lexer import Line, Token
from .rules import DUPLICATE_IDENTIFIER, REMOVED_KEYWORD, UNKNOWN_IDENTIFIER

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
    "model": {"person", "softwaresystem", "element", "group", "deploymentenvironment"},
    m.SOFTWARE_SYSTEM: {"container", "group"},
    m.CONTAINER: {"component", "group"},
    "environment": {"deploymentnode", "deploymentgroup", "group", "infrastructurenode"},
    m.DEPLOYMENT_NODE: {"deploymentnode", "infrastructurenode", "softwaresysteminstance",
                        "containerinstance", "instanceof", "group"},
}
_HOMES = {m.SOFTWARE_SYSTEM: "softwareSystem", m.CONTAINER: "container",
          m.DEPLOYMENT_NODE: "deploymentNode", "environment": "deploymentEnvironment"}
_PROPERTY_WORDS = {"description", "technology", "tags", "tag", "url", "properties", "perspectives",
                   "instances", "metadata", "healthcheck", "!docs", "!adrs", "!decisions"}
#: what a group inside an element may not set (they would belong to the element, so Structurizr refuses)
_NOT_IN_GROUP = {"description", "technology", "tags", "tag", "url", "properties", "perspectives"}
#: statements applied to each element of ``!elements`` (no children: they would be made N times)
_BULK_WORDS = {"description", "technology", "tags", "tag", "url", "properties", "perspectives"}
#: statements x selected items one ``!elements`` / ``!relationships`` block may apply in all
MAX_BULK_WORK = 200_000


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
    #: inside ``!elements``: only properties and relationships
    bulk: bool = False


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
    if any(is_arrow(t.text) and not t.quoted for t in tokens):
        relationship_statement(p, stream, body, ctx, identifier)
        return
    word = tokens[0].text.lower() if not tokens[0].quoted else ""
    scope = _scope(ctx)
    archetype = p.archetypes.element(word) if word else None
    base = archetype.base if archetype is not None else word
    if any(t.text == "-/>" and not t.quoted for t in tokens):
        remove_relationship(p, stream, body, ctx)
    elif word == "enterprise":
        p.findings.append(REMOVED_KEYWORD.at(
            "'enterprise' has been removed from the Structurizr DSL; use 'group' instead",
            line.file, tokens[0].line, tokens[0].column))
        if body.opens_block:
            p.skip_block(stream)
    elif word in ("!ref", "!element", "!extend"):
        reopen(p, stream, body, ctx, word, identifier)
    elif word == "!relationship":
        reopen_relationship(p, stream, body)
    elif word in ("!elements", "!relationships"):
        bulk_statement(p, stream, body, ctx, word)
    elif word == "archetypes" and scope == "model" and ctx.group is None:
        if p.expect_block(body, "archetypes"):
            archetypes_block(p, stream, body)
    elif word == "properties" and scope == "model" and ctx.group is None:
        if p.expect_block(body, "properties"):
            key_value_block(p, stream, body, p.workspace.properties, "properties")
    elif ctx.bulk and word not in _BULK_WORDS:
        p.unexpected(stream, body, "!elements", "'description', 'technology', 'tags', 'url', "
                     "'properties', 'perspectives' or a relationship")
    elif base in CHILDREN.get(scope, set()):
        if base == "group":
            group_statement(p, stream, body, ctx, word, identifier)
        elif base == "deploymentenvironment":
            environment_statement(p, stream, body, ctx, identifier)
        elif base == "deploymentgroup":
            if len(tokens) < 2:
                p.error("expected a name after deploymentGroup", body)
            elif identifier is not None:
                p.register.claim(identifier.text)
        elif base in INSTANCE_KEYWORDS:
            instance_statement(p, stream, body, ctx, identifier, base)
        else:
            new_element(p, stream, body, ctx, identifier, base, archetype)
    elif ctx.element is not None and word in _PROPERTY_WORDS:
        if ctx.group is not None and not ctx.bulk and word in _NOT_IN_GROUP:
            p.error(f"'{tokens[0].text}' is not allowed in a group (it would belong to "
                    f"{ctx.element.type_label.lower()} '{ctx.element.name}'); write it outside the group",
                    body)
            if body.opens_block:
                p.skip_block(stream)
            return
        property_statement(p, stream, body, ctx.element, word)
    elif archetype is not None or word in ELEMENT_KEYWORDS or word in INSTANCE_KEYWORDS or word in CHILDREN["model"]:
        where = f"a {ctx.element.type_label.lower()}" if ctx.element else what
        home = next((k for k, v in CHILDREN.items() if base in v and k not in ("model", scope)), None)
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
                word: str, archetype: Archetype | None = None) -> None:
    """An element made with a keyword (or an archetype of it); arguments override its defaults."""
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
    if archetype is not None:
        archetype.apply(element)
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


def _element_block(p: "DslParser", stream: "Stream", line: Line, element: m.Element, ctx: Context,
                   bulk: bool = False) -> None:
    inner = _element_context(p, element, ctx, bulk)
    p.element_statements(stream, line, inner, element.type_label.lower())


def _element_context(p: "DslParser", element: m.Element, ctx: Context, bulk: bool = False) -> Context:
    """The context of statements in ``element``'s block (its environment's, when reopened elsewhere)."""
    if element.environment is None or element.environment == ctx.environment:
        return Context(element=element, group=None, environment=ctx.environment, prefix=ctx.prefix,
                       env_id=ctx.env_id, bulk=bulk)
    env = _environment_context(p, element.environment)
    return Context(element=element, environment=env.environment, prefix=env.prefix, env_id=env.env_id,
                   bulk=bulk)


def _environment_context(p: "DslParser", name: str) -> Context:
    env_id = next((k for k, v in p.register.environment_ids.items() if v == name), "")
    env_id = env_id if p.register.hierarchical else ""
    return Context(environment=name, prefix=env_id or slug(name), env_id=env_id)


def instance_statement(p: "DslParser", stream: "Stream", line: Line, ctx: Context, identifier: Token | None,
                       word: str) -> None:
    kind, target_type = INSTANCE_KEYWORDS[word]
    args = p.args(line, 1)
    if not args:
        p.error(f"expected an identifier after '{line.tokens[0].text}'", line, line.tokens[0])
        if line.opens_block:
            p.skip_block(stream)
        return
    target = p.resolve(args[0], line, line.tokens[1], ctx,
                       types=(target_type,) if target_type else (m.SOFTWARE_SYSTEM, m.CONTAINER))
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
    count_key = (id(ctx.element), id(target))
    element.instance_number = p.register.instance_counts[count_key] = p.register.instance_counts.get(count_key, 0) + 1
    p.workspace.elements.append(element)
    if line.opens_block:
        _element_block(p, stream, line, element, ctx)


def group_statement(p: "DslParser", stream: "Stream", line: Line, ctx: Context, word: str,
                    identifier: Token | None = None) -> None:
    args = p.args(line, 1)
    if not args:
        p.error(f"expected a name after '{line.tokens[0].text}'", line, line.tokens[0])
    if not p.expect_block(line, f"{word} \"{args[0] if args else ''}\""):
        return
    name = args[0] if args else ""
    group = f"{ctx.group}/{name}" if ctx.group else name
    if identifier is not None:
        if p.register.claim(identifier.text):
            p.register.groups[identifier.text.lower()] = (ctx.element, ctx.environment, group)
        else:
            p.findings.append(DUPLICATE_IDENTIFIER.at(
                f"identifier '{identifier.text}' is already used by another element or relationship",
                line.file, identifier.line, identifier.column))
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
    name = args[0]
    if name not in p.workspace.environments:
        p.workspace.environments.append(name)
    if identifier is not None:
        if p.register.claim(identifier.text):
            p.register.environment_ids[identifier.text.lower()] = name
        else:
            p.findings.append(DUPLICATE_IDENTIFIER.at(
                f"identifier '{identifier.text}' is already used by another element or relationship",
                line.file, identifier.line, identifier.column))
    if line.opens_block:
        # declared without a block, an environment is filled later with `!element <identifier> {`
        p.element_statements(stream, line, _environment_context(p, name), "deploymentEnvironment")
    elif len(args) > 1:
        p.error("too many arguments for deploymentEnvironment: expected a name", line, line.tokens[2])


def reopen(p: "DslParser", stream: "Stream", line: Line, ctx: Context, word: str,
           identifier: Token | None = None) -> None:
    """``!ref`` / ``!element`` / ``!extend``: add to an element defined earlier (or elsewhere).

    The element is named by identifier or canonical name (``"SoftwareSystem://S"``); an
    identifier may also name a deployment environment, whose block then adds deployment elements.
    """
    if len(line.tokens) < 2 or line.tokens[1].text == "{":
        p.error(f"expected an identifier after {word}", line, line.tokens[0])
        if line.opens_block:
            p.skip_block(stream)
        return
    token = line.tokens[1]
    extra = p.args(line, 2)
    if extra:
        p.error(f"too many arguments for {word}: expected an identifier or a canonical name", line,
                line.tokens[2])
    environment = p.register.environment(token.text) if "://" not in token.text else None
    if environment is not None and ctx.element is None:
        if line.opens_block:
            p.element_statements(stream, line, _environment_context(p, environment), "deploymentEnvironment")
        return
    if "://" in token.text:
        target = find_by_canonical_name(p.workspace, token.text)
        if target is None:
            p.findings.append(UNKNOWN_IDENTIFIER.at(
                f"no element has the canonical name '{token.text}'", line.file, token.line, token.column))
    else:
        target = p.resolve(token.text, line, token, ctx)
    if target is None:
        if line.opens_block:
            p.skip_block(stream)
        return
    if identifier is not None and p.register.claim(identifier.text):
        p.register.elements[identifier.text.lower()] = target
    if ctx.group is not None and target.type in m.STATIC_TYPES:
        target.group = ctx.group  # as Structurizr: found inside a group, the element joins it
    if line.opens_block:
        _element_block(p, stream, line, target, ctx)


def bulk_statement(p: "DslParser", stream: "Stream", line: Line, ctx: Context, word: str) -> None:
    """``!elements <expression> {`` / ``!relationships <expression> {``: the block applies to each."""
    from .expressions import Selector
    from .parser import Stream

    if len(line.tokens) < 2 or (line.tokens[1].text == "{" and not line.tokens[1].quoted):
        p.error(f"expected an expression after {word}", line, line.tokens[0])
        if line.opens_block:
            p.skip_block(stream)
        return
    token = line.tokens[1]
    if len(p.args(line, 1)) > 1:
        p.error(f"too many arguments for {word}: expected one expression (quote it if it has spaces)",
                line, line.tokens[2])
    if not p.expect_block(line, f"{word} {token.text}"):
        return
    body = p.collect_block(stream)
    selector = Selector(p.workspace, word, p.findings, context=ctx.element, environment_id=ctx.env_id)
    kind, items = selector.select(m.Expression(token.text, _place(line, token)))
    wanted = "elements" if word == "!elements" else "relationships"
    if kind != wanted:
        p.error(f"{word} needs an expression selecting {wanted}; '{token.text}' selects {kind}", line, token)
        return
    p.bulk_work += len(items) * max(1, len(body))
    if p.bulk_work > MAX_BULK_WORK:
        p.error(f"{word} {token.text}: applying this block to {len(items)} {wanted} is too much work "
                f"(over {MAX_BULK_WORK} statements in all); skipped", line, token)
        return
    seen = {_finding_key(f) for f in p.findings}
    for item in items:
        before = len(p.findings)
        replay = Stream(list(body))
        if isinstance(item, m.Relationship):
            _relationship_block(p, replay, line, item)
        else:
            _element_block(p, replay, line, item, ctx, bulk=True)
        # the same problem in the block is reported once, not once per element
        fresh = [f for f in p.findings[before:] if _finding_key(f) not in seen]
        seen.update(_finding_key(f) for f in fresh)
        p.findings[before:] = fresh


def _finding_key(finding) -> tuple:
    return (finding.code, finding.file, finding.line, finding.column, finding.message)


def remove_relationship(p: "DslParser", stream: "Stream", line: Line, ctx: Context) -> None:
    """``a -/> b [description] {``: drop the relationships instances of ``a`` and ``b`` would get.

    Only in a deployment environment, as in Structurizr; ``a`` and ``b`` may be software systems or
    containers (all their instances in the environment) or instances. The block usually adds the
    relationships that replace them.
    """
    tokens = line.tokens
    if ctx.environment is None or ctx.element is not None:
        p.error("'-/>' (remove a relationship) is only allowed directly in a deployment environment",
                line, next(t for t in tokens if t.text == "-/>"))
        if line.opens_block:
            p.skip_block(stream)
        return
    args = p.args(line, 0)
    if len(args) < 3 or args[1] != "-/>":
        p.error("expected '<identifier> -/> <identifier> [description]'", line, tokens[0])
        if line.opens_block:
            p.skip_block(stream)
        return
    if len(args) > 4:
        p.error("too many arguments: expected '<identifier> -/> <identifier> [description]'", line, tokens[4])
    ends = []
    for token in (tokens[0], tokens[2]):
        element = p.resolve(token.text, line, token, ctx)
        if element is not None and element.type not in (m.SOFTWARE_SYSTEM, m.CONTAINER, *m.INSTANCE_TYPES):
            p.error(f"'{token.text}' is a {element.type_label.lower()}: expected a software system, "
                    f"container or an instance of one", line, token)
            element = None
        ends.append(_instances(p, element, ctx.environment) if element is not None else None)
    description = args[3] if len(args) > 3 else None
    if ends[0] is not None and ends[1] is not None:
        removed = 0
        for source in ends[0]:
            for destination in ends[1]:
                for r in p.workspace.between(source.instance_of, destination.instance_of):
                    if description is None or r.description == description:
                        p.removed_replications.add((id(source), id(destination), id(r)))
                        removed += 1
        if not removed:
            what = f" with description \"{description}\"" if description is not None else ""
            p.error(f"no relationship between '{args[0]}' and '{args[2]}'{what} to remove", line, tokens[1])
    if line.opens_block:
        p.element_statements(stream, line, ctx, "-/>")


def _instances(p: "DslParser", element: m.Element, environment: str | None) -> list[m.Element]:
    """An instance itself, or every instance of a software system or container in ``environment``."""
    if element.type in m.INSTANCE_TYPES:
        return [element]
    return [e for e in p.workspace.elements if e.instance_of is element and e.environment == environment]


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
    if word in ("!docs", "!adrs", "!decisions"):
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
    """``a -> b "description" "technology" "tags"`` (``this``, or nothing, for the element in scope).

    ``--name->`` uses a relationship archetype; in a deployment environment a software system or
    container at either end stands for its instances there.
    """
    tokens = line.tokens
    arrow = next(i for i, t in enumerate(tokens) if is_arrow(t.text) and not t.quoted)
    if arrow == 0:
        source = ctx.element
        if source is None:
            p.error("expected a source before '->' (an identifier, or use '->' inside an element block)",
                    line, tokens[0])
            if line.opens_block:
                p.skip_block(stream)
            return
    elif arrow == 1:
        source = _endpoint(p, line, tokens[0], ctx)
    else:
        p.error("expected 'source -> destination'", line, tokens[0])
        if line.opens_block:
            p.skip_block(stream)
        return
    if arrow + 1 >= len(tokens) or tokens[arrow + 1].text == "{":
        p.error("expected a destination after '->'", line, tokens[arrow])
        if line.opens_block:
            p.skip_block(stream)
        return
    archetype = p.archetypes.relationship(tokens[arrow].text)
    if archetype is None and tokens[arrow].text != "->":
        p.error(f"unknown relationship archetype '{tokens[arrow].text}'", line, tokens[arrow])
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
    pairs = [(source, destination)]
    if ctx.environment is not None and (source.type in m.STATIC_TYPES or destination.type in m.STATIC_TYPES):
        sources = _instances(p, source, ctx.environment) if source.type in (m.SOFTWARE_SYSTEM, m.CONTAINER) else [source]
        destinations = (_instances(p, destination, ctx.environment)
                        if destination.type in (m.SOFTWARE_SYSTEM, m.CONTAINER) else [destination])
        pairs = [(a, b) for a in sources for b in destinations]
    made = [r for a, b in pairs
            if (r := _relationship(p, line, ctx, identifier if len(pairs) == 1 else None, a, b, args,
                                   archetype)) is not None]
    if identifier is not None and len(pairs) != 1:
        p.error("an identifier names one relationship; this statement makes one per instance",
                line, identifier)
    if line.opens_block:
        if not made:
            p.skip_block(stream)
        elif len(made) == 1:
            _relationship_block(p, stream, line, made[0])
        else:
            from .parser import Stream

            body = p.collect_block(stream)
            for r in made:
                _relationship_block(p, Stream(list(body)), line, r)


def _relationship(p: "DslParser", line: Line, ctx: Context, identifier: Token | None, source: m.Element,
                  destination: m.Element, args: list[str], archetype: Archetype | None) -> m.Relationship | None:
    """Add one relationship; None (and a finding) when the model already has it."""
    tokens = line.tokens
    place = _place(line, tokens[0])
    relationship = m.Relationship(id="", source=source, destination=destination, place=place)
    if archetype is not None:
        archetype.apply(relationship)
    if args:
        relationship.description = args[0]
    if len(args) > 1:
        relationship.technology = args[1]
    description = relationship.description
    # Structurizr refuses a second relationship with the same description, implied ones included
    duplicate = next((r for r in p.workspace.between(source, destination)
                      if (r.implied or r.linked is None) and r.description == description), None)
    if duplicate is not None:
        how = "implied by a relationship" if duplicate.implied else "already defined"
        p.findings.append(DUPLICATE_IDENTIFIER.at(
            f"relationship {source.id} -> {destination.id} \"{description}\" is {how} at "
            f"{duplicate.place.file}:{duplicate.place.line}", line.file, place.line, place.column))
        return None
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
    relationship.id = rel_id
    if len(args) > 2:
        relationship.add_tags(args[2])
    p.workspace.add_relationship(relationship)
    if identifier is not None:
        p.register.relationships[rel_id.lower()] = relationship
    if p.implied != "none":
        create_implied(p.workspace, p.register, relationship, same_only=p.implied == "same")
    return relationship


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
        elif word in ("description", "technology", "url") and len(args) == 1:
            setattr(relationship, word, args[0])
        else:
            p.unexpected(stream, inner, "relationship",
                         "'description', 'technology', 'tags', 'url', 'properties' or 'perspectives'")
