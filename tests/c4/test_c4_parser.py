"""The Structurizr DSL parser: one test per construct, then errors."""

from __future__ import annotations

from c4_helpers import FIXTURES, parse_fixture


def test_workspace_name_description_and_elements(dsl):
    p = dsl('''
        workspace "Shop" "Sells things." {
            model {
                u = person "User" "Buys." "Shopper"
                s = softwareSystem "Shop" "Sells." {
                    w = container "Web" "Pages." "Python" "Frontend"
                    api = container "API" {
                        c = component "Orders" "Takes orders." "Flask"
                    }
                }
                x = element "Printer" "Hardware" "Prints labels."
            }
        }
    ''')
    assert p.findings == []
    assert (p.ws.name, p.ws.description) == ("Shop", "Sells things.")
    assert [(e["id"], e["type"], e["parent"]) for e in p.ws.export()["elements"]] == [
        ("u", "Person", None), ("s", "SoftwareSystem", None), ("w", "Container", "s"),
        ("api", "Container", "s"), ("c", "Component", "api"), ("x", "CustomElement", None)]
    web = p.ws.element("w")
    assert (web.description, web.technology, web.tags) == ("Pages.", "Python", ["Element", "Container", "Frontend"])
    assert p.ws.element("x").metadata == "Hardware"
    assert p.ws.element("x").description == "Prints labels."


def test_keywords_are_case_insensitive_and_identifiers_too():
    text = '''
        WORKSPACE {
            MODEL {
                User = PERSON "User"
                Sys = SoftwareSystem "System"
                user -> SYS "Uses"
            }
        }
    '''
    import textwrap, tempfile, pathlib
    from specsite.c4.parser import parse_workspace
    from specsite.core.project import Project

    with tempfile.TemporaryDirectory() as d:
        path = pathlib.Path(d) / "w.dsl"
        path.write_text(textwrap.dedent(text))
        findings = []
        ws = parse_workspace(Project(pathlib.Path(d)), path, findings)
    assert findings == []
    assert [(r.source.id, r.destination.id) for r in ws.relationships] == [("User", "Sys")]


def test_properties_perspectives_url_tags_in_blocks(dsl):
    p = dsl('''
        workspace {
            model {
                s = softwareSystem "S" {
                    description "From the block."
                    tags "One,Two" "Three"
                    url https://example.com/s
                    properties {
                        openapi "apis/s.yaml"
                        owner team-a
                    }
                    perspectives {
                        Security "Uses TLS."
                    }
                }
            }
        }
    ''')
    s = p.ws.element("s")
    assert s.description == "From the block."
    assert s.tags == ["Element", "Software System", "One", "Two", "Three"]
    assert s.url == "https://example.com/s"
    assert s.properties == {"openapi": "apis/s.yaml", "owner": "team-a"}
    assert s.perspectives == {"Security": "Uses TLS."}


def test_relationships_arrow_in_block_and_this(dsl):
    p = dsl('''
        workspace {
            model {
                b = softwareSystem "B"
                c = softwareSystem "C"
                a = softwareSystem "A" {
                    -> b "Calls" "gRPC" "Fast,Internal"
                    this -> c "Feeds"
                }
                !ref c {
                    description "C."
                    a -> this "Also calls"
                }
                r1 = b -> c "Notifies" {
                    tags "Async"
                    technology "AMQP"
                }
            }
        }
    ''')
    assert p.findings == []
    rels = {(r.source.id, r.destination.id, r.description): r for r in p.ws.relationships}
    calls = rels[("a", "b", "Calls")]
    assert (calls.technology, calls.tags) == ("gRPC", ["Relationship", "Fast", "Internal"])
    assert ("a", "c", "Feeds") in rels and ("a", "c", "Also calls") in rels
    notifies = rels[("b", "c", "Notifies")]
    assert notifies.id == "r1" and notifies.technology == "AMQP" and "Async" in notifies.tags


def test_hierarchical_identifiers(dsl):
    p = dsl('''
        workspace {
            !identifiers hierarchical
            model {
                s = softwareSystem "S" {
                    api = container "API" {
                        c = component "C"
                    }
                    db = container "DB"
                    api -> db "Reads"
                }
                t = softwareSystem "T" {
                    api = container "Other API"
                }
                s.api.c -> t.api "Calls"
            }
        }
    ''')
    assert p.findings == []
    assert p.ids() == ["s", "s.api", "s.api.c", "s.db", "t", "t.api"]
    assert ("s.api", "s.db", False) in p.rels()
    assert ("s.api.c", "t.api", False) in p.rels()


def test_flat_identifiers_reject_duplicates(dsl):
    p = dsl('''
        workspace {
            model {
                s = softwareSystem "S" {
                    api = container "API"
                }
                t = softwareSystem "T" {
                    api = container "Other API"
                }
            }
        }
    ''')
    assert p.codes() == ["C4004"]
    f = p.findings[0]
    assert (f.file, f.line, f.column) == ("workspace.dsl", 8, 13)


def test_include_file_and_folder_relative_to_the_including_file(dsl):
    p = dsl('''
        workspace {
            model {
                !include model/people.dsl
                !include model/systems
                u -> s "Uses"
            }
        }
    ''', model__people_dsl='u = person "User"\n', model__systems__a_dsl='s = softwareSystem "S"\n',
        model__systems__b_dsl='!include ../more.dsl\n', model__more_dsl='t = softwareSystem "T"\n')
    assert p.findings == []
    assert p.ids() == ["u", "s", "t"]
    assert p.ws.element("t").place.file == "model/more.dsl"


def test_include_outside_the_project_is_refused(dsl, tmp_path):
    (tmp_path.parent / "secret.dsl").write_text('x = person "X"\n')
    p = dsl('''
        workspace {
            model {
                !include ../secret.dsl
            }
        }
    ''')
    assert p.codes() == ["SPEC004"]
    assert p.ids() == []
    assert (p.findings[0].line, p.findings[0].column) == (4, 18)


def test_include_missing_file(dsl):
    p = dsl('workspace {\n    model {\n        !include nope.dsl\n    }\n}\n')
    assert p.codes() == ["C4011"]
    assert p.findings[0].line == 3


def test_constants_variables_and_substitution(dsl):
    p = dsl('''
        workspace {
            !const NAME "Shop"
            !var TECH "Python"
            model {
                s = softwareSystem "${NAME}" {
                    a = container "A" "" "${TECH}"
                    !var TECH "Go"
                    b = container "B" "" "${TECH} ${UNKNOWN}"
                }
            }
        }
    ''')
    assert p.ws.element("s").name == "Shop"
    assert p.ws.element("a").technology == "Python"
    assert p.ws.element("b").technology == "Go ${UNKNOWN}"


def test_text_blocks_continuations_and_comments(dsl):
    p = dsl('''
        // a line comment
        # another line comment
        /* a block
           comment */
        workspace {
            model {
                s = softwareSystem "S" {
                    description """
                        First line.
                        Second line.
                    """
                }
                t = softwareSystem "T" \\
                    "Described on the next line."
                # colours like #ffffff are not comments inside statements
            }
        }
    ''')
    assert p.findings == []
    assert p.ws.element("s").description == "First line.\nSecond line."
    assert p.ws.element("t").description == "Described on the next line."


def test_extends_a_local_workspace_and_ref(dsl):
    p = dsl('''
        workspace extends base.dsl {
            name "Extended"
            model {
                !ref s {
                    c = container "C" "Inside S."
                }
                u -> c "Uses"
            }
        }
    ''', base_dsl='''
        workspace "Base" {
            model {
                u = person "U"
                s = softwareSystem "S"
            }
        }
    ''')
    assert p.findings == []
    assert p.ws.name == "Extended"
    assert p.ids() == ["u", "s", "c"]
    assert p.ws.element("c").parent.id == "s"
    assert p.rels() == [("u", "c", False), ("u", "s", True)]


def test_groups_nested_and_enterprise_is_rejected(dsl):
    p = dsl('''
        workspace {
            model {
                group "Acme" {
                    group "Sales" {
                        group "Online" {
                            s = softwareSystem "S"
                        }
                    }
                }
                enterprise "Old" {
                    u = softwareSystem "U"
                }
                t = softwareSystem "T"
            }
        }
    ''')
    assert [(f.code, f.line) for f in p.findings] == [("C4015", 11)]
    assert "use 'group' instead" in p.findings[0].message
    assert p.ws.element("s").group == "Acme/Sales/Online"
    assert p.ws.element("t").group is None


def test_implied_relationships_and_switching_them_off(dsl):
    source = '''
        workspace {
            %s
            model {
                u = person "U"
                s = softwareSystem "S" {
                    w = container "W" {
                        c = component "C"
                    }
                }
                t = softwareSystem "T"
                c -> t "Calls"
                u -> w "Uses"
            }
        }
    '''
    on = dsl(source % "")
    assert on.rels() == [("c", "t", False), ("w", "t", True), ("s", "t", True),
                         ("u", "w", False), ("u", "s", True)]
    off = dsl(source % "!impliedRelationships false")
    assert off.rels() == [("c", "t", False), ("u", "w", False)]


def test_implied_relationship_not_created_when_one_exists(dsl):
    p = dsl('''
        workspace {
            model {
                u = person "U"
                s = softwareSystem "S" {
                    w = container "W"
                }
                u -> s "Uses"
                u -> w "Browses"
            }
        }
    ''')
    assert p.rels() == [("u", "s", False), ("u", "w", False)]


def test_deployment_nodes_instances_and_replicated_relationships(dsl):
    p = dsl('''
        workspace {
            model {
                s = softwareSystem "S" {
                    w = container "W"
                    d = container "D"
                    w -> d "Reads"
                }
                x = softwareSystem "X"
                w -> x "Calls"
                deploymentEnvironment "Live" {
                    deploymentNode "Server" "" "Ubuntu" "" 4 {
                        deploymentNode "Docker" {
                            wi = containerInstance w {
                                healthCheck "Ping" "https://w/health" 30 1000
                            }
                            di = containerInstance d
                        }
                    }
                    deploymentNode "Vendor" {
                        instances 2
                        softwareSystemInstance x
                    }
                    lb = infrastructureNode "LB" "Balances." "ELB"
                    lb -> wi "Forwards to"
                }
                deploymentEnvironment "Test" {
                    deploymentNode "Laptop" {
                        containerInstance w
                    }
                }
            }
        }
    ''')
    assert p.findings == []
    types = [(e.id, e.type) for e in p.ws.elements if e.environment]
    assert types == [
        ("live.server", "DeploymentNode"), ("live.server.docker", "DeploymentNode"),
        ("wi", "ContainerInstance"), ("di", "ContainerInstance"),
        ("live.vendor", "DeploymentNode"), ("live.vendor.x", "SoftwareSystemInstance"),
        ("lb", "InfrastructureNode"), ("test.laptop", "DeploymentNode"), ("test.laptop.w", "ContainerInstance")]
    assert p.ws.element("live.server").instances == "4"
    assert p.ws.element("live.vendor").instances == "2"
    assert p.ws.element("wi").health_checks == [
        {"name": "Ping", "url": "https://w/health", "interval": "30", "timeout": "1000"}]
    replicated = [(r.source.id, r.destination.id) for r in p.ws.relationships if r.linked and not r.implied]
    assert replicated == [("wi", "di"), ("wi", "live.vendor.x")]


def test_views_include_star_per_view_type(dsl):
    p = dsl('''
        workspace {
            model {
                u = person "U"
                s = softwareSystem "S" {
                    w = container "W" {
                        c1 = component "C1"
                        c2 = component "C2"
                    }
                    d = container "D"
                }
                t = softwareSystem "T"
                o = softwareSystem "Other"
                u -> w "Uses"
                c1 -> c2 "Calls"
                c2 -> d "Reads"
                c1 -> t "Calls"
            }
            views {
                systemLandscape "L" {
                    include *
                }
                systemContext s "Ctx" {
                    include *
                }
                container s "Cont" {
                    include *
                }
                component w "Comp" {
                    include *
                }
            }
        }
    ''')
    assert p.findings == []
    assert p.view("L")["elements"] == ["u", "s", "t", "o"]
    assert p.view("Ctx")["elements"] == ["s", "u", "t"]
    assert p.view("Ctx")["relationships"] == ["u->s", "s->t"]
    assert p.view("Cont")["elements"] == ["w", "d", "u", "t"]
    # u uses the container, not a component: it is not a neighbour of the components
    assert p.view("Comp")["elements"] == ["c1", "c2", "t", "d"]
    assert sorted(p.view("Comp")["relationships"]) == ["c1->c2", "c1->t", "c2->d"]


def test_view_expressions_include_and_exclude(dsl):
    p = dsl('''
        workspace {
            model {
                u = person "U"
                a = softwareSystem "A" "" "Internal"
                b = softwareSystem "B" "" "Internal"
                c = softwareSystem "C" "" "External"
                u -> a "Uses"
                a -> b "Calls"
                b -> c "Calls"
                rel = a -> c "Notifies"
            }
            views {
                systemLandscape "Tags" {
                    include element.tag==Internal
                }
                systemLandscape "Type" {
                    include element.type==Person,SoftwareSystem
                    exclude c "a -> b"
                }
                systemLandscape "Around" {
                    include ->b->
                }
                systemLandscape "Rels" {
                    include a->*
                    exclude rel
                }
                systemLandscape "Empty" {
                    include *
                    exclude element.tag==Element
                }
            }
        }
    ''')
    assert p.findings == []
    assert p.view("Tags") == {"key": "Tags", "type": "SystemLandscape", "elements": ["a", "b"],
                              "relationships": ["a->b"]}
    assert p.view("Type")["elements"] == ["u", "a", "b"]
    assert p.view("Type")["relationships"] == ["u->a"]
    assert p.view("Around")["elements"] == ["b", "a", "c"]
    assert p.view("Rels")["elements"] == ["a", "b", "c"]
    assert p.view("Rels")["relationships"] == ["a->b", "b->c"]
    assert p.view("Empty")["elements"] == []


def test_dynamic_view_steps_responses_and_parallel(dsl):
    p = dsl('''
        workspace {
            model {
                a = softwareSystem "A"
                b = softwareSystem "B"
                c = softwareSystem "C"
                a -> b "Asks"
                a -> c "Tells"
            }
            views {
                dynamic * "Flow" "How it flows." {
                    a -> b "Asks for data"
                    b -> a "Answers"
                    {
                        {
                            a -> c "Tells C"
                        }
                        {
                            a -> b "Asks again"
                        }
                    }
                    a -> c
                    autoLayout lr
                    title "The flow"
                }
            }
        }
    ''')
    assert p.findings == []
    view = p.ws.view("Flow")
    assert [(s.order, s.relationship.id, s.description, s.response) for s in view.steps] == [
        ("1", "a->b", "Asks for data", False), ("2", "a->b", "Answers", True),
        ("3", "a->c", "Tells C", False), ("3", "a->b", "Asks again", False), ("4", "a->c", "Tells", False)]
    assert p.view("Flow")["elements"] == ["a", "b", "c"]
    assert (view.title, view.description, view.auto_layout) == ("The flow", "How it flows.", "lr")


def test_deployment_and_filtered_views(dsl):
    p = dsl('''
        workspace {
            model {
                s = softwareSystem "S" {
                    w = container "W"
                    d = container "D"
                    w -> d "Reads"
                }
                deploymentEnvironment "Live" {
                    deploymentNode "Server" {
                        containerInstance w
                        containerInstance d
                    }
                    deploymentNode "Spare"
                }
            }
            views {
                deployment s "Live" "Dep" {
                    include *
                }
                container s "All" {
                    include *
                }
                filtered "All" exclude "Ignored" "Filtered"
                image * "Picture" {
                    image https://example.com/picture.png
                }
            }
        }
    ''')
    assert p.findings == []
    assert p.view("Dep")["elements"] == ["live.server.w", "live.server.d", "live.server"]
    assert p.view("Dep")["relationships"] == ["live.server.w->live.server.d"]
    assert p.view("Filtered")["elements"] == ["w", "d"]
    assert p.view("Filtered")["type"] == "Filtered"
    assert p.view("Picture") == {"key": "Picture", "type": "Image", "elements": [], "relationships": []}
    assert p.ws.view("Picture").image == "https://example.com/picture.png"


def test_styles_and_default_view_keys(dsl):
    p = dsl('''
        workspace {
            model {
                s = softwareSystem "S" "" "Database"
            }
            views {
                systemLandscape {
                    include *
                }
                styles {
                    element "Database" {
                        shape Cylinder
                        background #ff0000
                        colour #00ff00
                        stroke #0000ff
                        border dashed
                        opacity 50
                        fontSize 30
                        icon https://example.com/icon.png
                    }
                    relationship "Relationship" {
                        color #123456
                        dashed false
                        thickness 4
                    }
                }
            }
        }
    ''')
    from specsite.c4.styles import element_look

    assert p.findings == []
    assert p.ws.views[0].key == "SystemLandscape-001"
    look = element_look(p.ws, p.ws.element("s"))
    assert (look.shape, look.background, look.color, look.stroke, look.border, look.opacity, look.font_size) == (
        "cylinder", "#ff0000", "#00ff00", "#0000ff", "dashed", 0.5, 30.0)
    assert p.ws.relationship_styles[0].values == {"color": "#123456", "dashed": "false", "thickness": "4"}


def test_docs_and_adrs_folders_are_recorded(dsl, tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "decisions").mkdir()
    p = dsl('''
        workspace {
            !docs docs
            model {
                s = softwareSystem "S" {
                    !adrs decisions
                }
            }
        }
    ''')
    assert p.findings == []
    assert p.ws.docs_folders == [("docs", None)]
    assert p.ws.adr_folders == [("decisions", "s")]


def test_jvm_constructs_and_url_includes_are_reported_not_run(dsl):
    p = dsl('''
        workspace {
            model {
                !include https://example.com/model.dsl
                s = softwareSystem "S" {
                    !components {
                        classes build/classes
                    }
                }
                !script groovy {
                    workspace.model.addPerson("x")
                }
                !plugin com.example.Plugin
            }
        }
    ''')
    assert p.codes() == ["C4002", "C4002", "C4002", "C4002"]
    assert [f.line for f in p.findings] == [4, 6, 10, 13]
    assert p.ids() == ["s"]


def test_syntax_errors_name_file_line_column_and_what_was_expected(dsl):
    p = dsl('''
        workspace {
            model {
                s = softwareSystem "S" {
                    frobnicate "x"
                }
                t = softwareSystem "T"
                s -> nowhere "Calls"
            }
            views {
                systemContext s
            }
        }
    ''')
    messages = [(f.code, f.line, f.column, f.message) for f in p.findings]
    assert messages == [
        ("C4001", 5, 13, "unexpected 'frobnicate' in software system; expected a property, container, "
                         "group or a relationship"),
        ("C4003", 8, 14, "unknown identifier 'nowhere': no element has it"),
        ("C4001", 11, 24, "expected '{' after 'systemContext s'"),
    ]
    assert p.ids() == ["s", "t"]


def test_unclosed_blocks_and_strings(dsl):
    p = dsl('workspace {\n    model {\n        s = softwareSystem "S\n')
    assert [(f.code, f.line) for f in p.findings] == [("C4001", 3), ("C4001", 3), ("C4001", 3)]
    assert "never closed" in p.findings[0].message
    assert all("expected '}'" in f.message for f in p.findings[1:])


def test_element_in_the_wrong_place(dsl):
    p = dsl('''
        workspace {
            model {
                c = container "C"
                s = softwareSystem "S" {
                    x = component "X"
                }
            }
        }
    ''')
    assert [(f.code, f.line, f.message) for f in p.findings] == [
        ("C4001", 4, "'container' is not allowed in model (it belongs in a softwareSystem block)"),
        ("C4001", 6, "'component' is not allowed in a software system (it belongs in a container block)"),
    ]


def test_dynamic_step_without_relationship(dsl):
    p = dsl('''
        workspace {
            model {
                a = softwareSystem "A"
                b = softwareSystem "B"
            }
            views {
                dynamic * "D" {
                    a -> b "Calls"
                }
            }
        }
    ''')
    assert p.codes() == ["C4012"]
    assert p.findings[0].line == 9


def test_fixture_shop_workspace():
    p = parse_fixture(FIXTURES / "shop" / "workspace.dsl")
    assert p.findings == []
    assert p.ws.element("customer").description == "Buys things from Acme."
    assert p.ws.element("shop").group == "Acme"
    assert p.ws.element("shop.worker").place.file == "shop/parts/containers.dsl"
    assert p.view("Containers")["elements"] == ["shop.web", "shop.db", "shop.worker", "customer", "payments"]
    assert p.view("Deployment")["elements"] == [
        "live.cloud.app-server.web", "live.cloud.app-server", "live.cloud.db-server.db",
        "live.cloud.db-server", "live.lb", "live.cloud"]


def test_names_are_unique_among_siblings(dsl):
    p = dsl('''
        workspace {
            model {
                a = softwareSystem "Shop"
                b = softwareSystem "shop"
                p = person "Shop"
                c = softwareSystem "C" {
                    x = container "Web"
                }
                d = softwareSystem "D" {
                    y = container "Web"
                }
            }
        }
    ''')
    assert [(f.code, f.line, f.message) for f in p.findings] == [
        ("C4004", 5, "a software system named 'shop' already exists (workspace.dsl:4)")]


def test_instance_of_relationship_reopening_and_newer_directives(dsl):
    p = dsl('''
        workspace {
            model {
                s = softwareSystem "S" {
                    w = container "W"
                }
                t = softwareSystem "T"
                r = w -> t "Calls"
                !relationship r {
                    tags "Reopened"
                }
                !elements "element.type==Container" {
                    tags "Bulk"
                }
                w -/> t
                deploymentEnvironment "Live" {
                    deploymentNode "N" {
                        instanceOf w
                        instanceOf t
                    }
                }
            }
        }
    ''')
    # -/> belongs in a deployment environment (Structurizr refuses it in the model)
    assert [(f.code, f.line) for f in p.findings] == [("C4001", 15)]
    assert p.ws.element("w").tags == ["Element", "Container", "Bulk"]
    assert [e.type for e in p.ws.elements if e.environment] == [
        "DeploymentNode", "ContainerInstance", "SoftwareSystemInstance"]
    assert p.ws.identifiers.relationship("r").tags == ["Relationship", "Reopened"]


def test_implied_relationships_unless_the_same_one_exists(dsl):
    p = dsl('''
        workspace {
            !impliedRelationships com.structurizr.model.CreateImpliedRelationshipsUnlessSameRelationshipExistsStrategy
            model {
                u = person "U"
                s = softwareSystem "S" {
                    w = container "W"
                }
                u -> s "Uses"
                u -> w "Browses"
                u -> w "Uses"
            }
        }
    ''')
    assert [(r.source.id, r.destination.id, r.description, r.implied) for r in p.ws.relationships] == [
        ("u", "s", "Uses", False), ("u", "w", "Browses", False), ("u", "s", "Browses", True),
        ("u", "w", "Uses", False)]


def test_every_truncation_of_a_workspace_parses_without_raising(tmp_path):
    from specsite.c4.layout import layout_view
    from specsite.c4.parser import parse_workspace
    from specsite.c4.svg import render_svg
    from specsite.core.project import Project

    lines = (FIXTURES / "shop" / "workspace.dsl").read_text().split("\n")
    (tmp_path / "parts").mkdir()
    (tmp_path / "parts" / "containers.dsl").write_text('worker = container "Worker"\n')
    for cut in range(0, len(lines), 3):
        path = tmp_path / "workspace.dsl"
        path.write_text("\n".join(lines[:cut]) + '\n"unclosed {\n')
        findings = []
        ws = parse_workspace(Project(tmp_path), path, findings)
        ws.export()
        for view in ws.views:
            render_svg(ws, view, layout_view(view), lambda e: None)
        assert findings, f"cut at line {cut} should leave something to report"


def test_include_cycles_stop_with_a_finding(dsl):
    p = dsl('''
        workspace {
            model {
                !include a.dsl
            }
        }
    ''', a_dsl="!include b.dsl\n", b_dsl="!include a.dsl\n")
    assert p.codes() == ["C4001"]
    assert "included over 50 times" in p.findings[0].message
    assert p.findings[0].file in ("a.dsl", "b.dsl")


def test_custom_view(dsl):
    p = dsl('''
        workspace {
            model {
                x = element "Printer" "Hardware" "Prints."
                y = element "Scanner" "Hardware" "Scans."
                x -> y "Feeds"
                s = softwareSystem "S" "Sys."
            }
            views {
                custom "Devices" "Office devices" "What is in the office." {
                    include *
                }
            }
        }
    ''')
    assert p.findings == []
    assert p.view("Devices") == {"key": "Devices", "type": "Custom", "elements": ["x", "y"],
                                 "relationships": ["x->y"]}
    assert p.ws.view("Devices").title == "Office devices"
