"""Structurizr DSL constructs one by one: what Structurizr makes of each small workspace, and the
statements it rejects (with the line). Expected contents follow the language reference and, where it
is silent, Structurizr's parser (structurizr/java, structurizr-dsl)."""

from __future__ import annotations

import json

from c4_helpers import Parsed


def tags(p: Parsed, element_id: str) -> list[str]:
    return p.ws.element(element_id).tags


def lines(p: Parsed) -> list[tuple[str, int]]:
    return [(f.code, f.line) for f in p.findings]


# ---------------------------------------------------------------- archetypes

def test_element_archetypes_nested_and_extended(dsl):
    # structurizr-dsl/src/test/resources/dsl/archetypes.dsl
    p = dsl('''
        workspace {
            model {
                archetypes {
                    application = container {
                        tag "Application"
                    }
                    datastore = container {
                        tag "Datastore"
                    }
                    microservice = group
                    springBootApplication = application {
                        technology "Spring Boot"
                        tags "Spring Boot"
                    }
                    restController = component {
                        technology "Spring MVC REST Controller"
                        tag "Spring MVC REST Controller"
                    }
                    repository = component {
                        technology "Spring Data Repository"
                        tag "Spring Data Repository"
                    }
                }
                x = softwareSystem "X" {
                    customerService = microservice "Customer Service" {
                        db = datastore "Customer database"
                        api = springBootApplication "Customer API" {
                            customerController = restController "Customer Controller"
                            customerRepository = repository "Customer Repository" {
                                customerController -> this
                                this -> db
                            }
                        }
                    }
                }
            }
        }
    ''')
    assert p.findings == []
    assert [(e.id, e.type, e.group) for e in p.ws.elements] == [
        ("x", "SoftwareSystem", None), ("db", "Container", "Customer Service"),
        ("api", "Container", "Customer Service"), ("customerController", "Component", None),
        ("customerRepository", "Component", None)]
    assert tags(p, "db") == ["Element", "Container", "Datastore"]
    assert tags(p, "api") == ["Element", "Container", "Application", "Spring Boot"]
    assert p.ws.element("api").technology == "Spring Boot"
    assert p.ws.element("customerController").technology == "Spring MVC REST Controller"
    assert [(s, d, implied) for s, d, implied in p.rels()] == [
        ("customerController", "customerRepository", False), ("customerRepository", "db", False),
        ("api", "db", True)]


def test_arguments_override_archetype_defaults_and_defaults_restyle_built_in_types(dsl):
    # archetypes-for-defaults.dsl: an archetype named after a keyword applies to every use of it
    p = dsl('''
        workspace {
            model {
                archetypes {
                    softwaresystem {
                        description "Default Description"
                        tag "Default Tag"
                        properties {
                            "Default Property Name" "Default Property Value"
                        }
                    }
                    -> {
                        description "Default Description"
                        technology "Default Technology"
                        tag "Default Tag"
                    }
                    application = container {
                        technology "Java"
                        description "An application."
                    }
                }
                a = softwareSystem "A"
                b = softwareSystem "B" "Own description" {
                    w = application "W" "Web pages" "Python"
                }
                a -> b
            }
        }
    ''')
    assert p.findings == []
    a, b, w = (p.ws.element(i) for i in ("a", "b", "w"))
    assert (a.description, a.tags, a.properties) == (
        "Default Description", ["Element", "Software System", "Default Tag"],
        {"Default Property Name": "Default Property Value"})
    assert b.description == "Own description"
    assert (w.description, w.technology) == ("Web pages", "Python")
    r = p.ws.relationships[0]
    assert (r.description, r.technology, r.tags) == ("Default Description", "Default Technology",
                                                      ["Relationship", "Default Tag"])


def test_relationship_archetypes_extend_each_other(dsl):
    p = dsl('''
        workspace {
            model {
                archetypes {
                    sync = -> {
                        tags "Synchronous"
                    }
                    https = --sync-> {
                        technology "HTTPS"
                    }
                }
                a = softwareSystem "A"
                b = softwareSystem "B" {
                    --https-> a "Calls"
                }
                a --https-> b "Makes API calls using"
            }
        }
    ''')
    assert p.findings == []
    assert [(r.source.id, r.destination.id, r.description, r.technology, r.tags) for r in p.ws.relationships] == [
        ("b", "a", "Calls", "HTTPS", ["Relationship", "Synchronous"]),
        ("a", "b", "Makes API calls using", "HTTPS", ["Relationship", "Synchronous"])]


def test_unknown_relationship_archetype_is_an_error_at_its_line(dsl):
    p = dsl('''
        workspace {
            model {
                a = softwareSystem "A"
                b = softwareSystem "B"
                a --grpc-> b
            }
        }
    ''')
    assert lines(p) == [("C4001", 6)]
    assert p.ws.relationships == []


# ---------------------------------------------------------------- !elements, !element, !relationship(s)

def test_bulk_elements_and_relationships(dsl):
    # bulk-operations.dsl (flat and hierarchical identifiers)
    p = dsl('''
        workspace {
            model {
                user = person "User"
                !identifiers flat
                softwareSystem1 = softwareSystem "Software System 1" {
                    application1 = container "Application" {
                        component "ComponentA"
                        component "ComponentB"
                    }
                    databaseSchema1 = container "Database Schema"
                    !elements "element.parent==application1" {
                        tags "Tag 1"
                        user -> this "Uses 1"
                        this -> databaseSchema1 "Uses 1" {
                            tags "Tag"
                        }
                    }
                }
                !identifiers hierarchical
                softwareSystem2 = softwareSystem "Software System 2" {
                    application2 = container "Application" {
                        component "ComponentA"
                    }
                    databaseSchema2 = container "Database Schema"
                    !elements "element.parent==application2" {
                        -> databaseSchema2 "Uses 4"
                    }
                }
                !relationships "relationship.tag==Tag" {
                    technology "JDBC"
                }
            }
        }
    ''')
    assert p.findings == []
    components = [e for e in p.ws.elements if e.type == "Component"]
    assert [c.tags for c in components] == [["Element", "Component", "Tag 1"]] * 2 + [["Element", "Component"]]
    explicit = [(r.source.name, r.destination.name, r.description, r.technology)
                for r in p.ws.relationships if not r.implied]
    assert explicit == [
        ("User", "ComponentA", "Uses 1", ""), ("ComponentA", "Database Schema", "Uses 1", "JDBC"),
        ("User", "ComponentB", "Uses 1", ""), ("ComponentB", "Database Schema", "Uses 1", "JDBC"),
        ("ComponentA", "Database Schema", "Uses 4", "")]


def test_elements_block_may_not_create_elements(dsl):
    p = dsl('''
        workspace {
            model {
                s = softwareSystem "S"
                !elements "element.type==SoftwareSystem" {
                    container "C"
                }
            }
        }
    ''')
    assert lines(p) == [("C4001", 6)]
    assert p.ids() == ["s"]


def test_element_by_canonical_name_and_environment_filled_later(dsl):
    p = dsl('''
        workspace {
            model {
                s = softwareSystem "S" {
                    web = container "Web"
                }
                live = deploymentEnvironment "Live"
                !element live {
                    deploymentNode "N" {
                        containerInstance web
                    }
                }
                !element "SoftwareSystem://S" {
                    description "Found by canonical name"
                }
                !element "DeploymentNode://Live/N" {
                    technology "Ubuntu"
                    deploymentNode "M"
                }
                !element "ContainerInstance://Live/N/S.Web[1]" {
                    tags "Found"
                }
            }
            views {
                deployment s live "Live" {
                    include *
                }
            }
        }
    ''')
    assert p.findings == []
    assert p.ws.element("s").description == "Found by canonical name"
    node = next(e for e in p.ws.elements if e.name == "N")
    assert (node.environment, node.technology) == ("Live", "Ubuntu")
    assert [(e.name, e.parent.name, e.environment) for e in p.ws.elements if e.name == "M"] == [("M", "N", "Live")]
    instance = next(e for e in p.ws.elements if e.type == "ContainerInstance")
    assert instance.tags == ["Container Instance", "Found"]
    view = p.view("Live")
    assert [p.ws.element(i).name for i in view["elements"]] == ["Web", "N"]


def test_instance_numbers_in_canonical_names_follow_structurizr(dsl):
    # Structurizr (Model.addContainerInstance / addSoftwareSystemInstance): an instance's
    # instanceId is 1 + the number of instances of the same container (software system) already
    # in the same deployment node; CanonicalNameGenerator then writes
    # "<Type>Instance://<environment>/<node path>/<system[.container]>[<instanceId>]"
    from specsite.c4.canonical import canonical_name

    p = dsl('''
        workspace {
            model {
                s = softwareSystem "S" {
                    web = container "Web"
                    api = container "API"
                }
                live = deploymentEnvironment "Live" {
                    a = deploymentNode "A" {
                        containerInstance web
                        containerInstance api
                        containerInstance web
                        softwareSystemInstance s
                        b = deploymentNode "B" {
                            containerInstance web
                        }
                    }
                    c = deploymentNode "C" {
                        containerInstance web
                        softwareSystemInstance s
                        softwareSystemInstance s
                    }
                }
                dev = deploymentEnvironment "Dev" {
                    deploymentNode "A" {
                        containerInstance web
                    }
                }
                !element "ContainerInstance://Live/A/S.Web[2]" {
                    tags "Second"
                }
                !element "SoftwareSystemInstance://Live/C/S[2]" {
                    tags "Second"
                }
            }
        }
    ''')
    assert p.findings == []
    names = [canonical_name(e) for e in p.ws.elements if e.instance_of is not None]
    assert names == [
        "ContainerInstance://Live/A/S.Web[1]", "ContainerInstance://Live/A/S.API[1]",
        "ContainerInstance://Live/A/S.Web[2]", "SoftwareSystemInstance://Live/A/S[1]",
        "ContainerInstance://Live/A/B/S.Web[1]", "ContainerInstance://Live/C/S.Web[1]",
        "SoftwareSystemInstance://Live/C/S[1]", "SoftwareSystemInstance://Live/C/S[2]",
        "ContainerInstance://Dev/A/S.Web[1]"]
    second = [canonical_name(e) for e in p.ws.elements if "Second" in e.tags]
    assert second == ["ContainerInstance://Live/A/S.Web[2]", "SoftwareSystemInstance://Live/C/S[2]"]


def test_unknown_canonical_name_is_reported_at_its_line(dsl):
    p = dsl('''
        workspace {
            model {
                s = softwareSystem "S"
                !element "SoftwareSystem://T" {
                    description "x"
                }
            }
        }
    ''')
    assert lines(p) == [("C4003", 5)]


def test_relationship_reopened(dsl):
    p = dsl('''
        workspace {
            model {
                a = softwareSystem "A"
                b = softwareSystem "B"
                r = a -> b "Uses"
                !relationship r {
                    url https://example.com/r
                    tags "Reopened"
                }
            }
        }
    ''')
    assert p.findings == []
    assert (p.ws.relationships[0].url, p.ws.relationships[0].tags) == (
        "https://example.com/r", ["Relationship", "Reopened"])


# ---------------------------------------------------------------- -/>, properties, groups, decisions

def test_remove_relationship_in_a_deployment_environment(dsl):
    # no-relationship.dsl, environment "Two"
    p = dsl('''
        workspace {
            !identifiers hierarchical
            model {
                ss = softwareSystem "Software System" {
                    ui = container "UI"
                    backend = container "Backend"
                    ui -> backend "Makes API requests to" "JSON/HTTPS"
                }
                one = deploymentEnvironment "One" {
                    deploymentNode "Computer" {
                        instanceOf ss.ui
                        instanceOf ss.backend
                    }
                }
                two = deploymentEnvironment "Two" {
                    deploymentNode "User's Computer" {
                        instanceOf ss.ui
                    }
                    dc = deploymentNode "Data Center" {
                        loadBalancer = infrastructureNode "Load Balancer"
                        deploymentNode "Server" {
                            instanceOf ss.backend
                        }
                    }
                    ss.ui -/> ss.backend {
                        ss.ui -> dc.loadBalancer
                        dc.loadBalancer -> ss.backend "Forwards API requests to" ""
                    }
                }
            }
        }
    ''')
    assert p.findings == []
    deployed = [(r.source.type, r.source.environment, r.destination.type, r.description)
                for r in p.ws.relationships if r.source.environment]
    assert sorted(deployed) == sorted([
        ("ContainerInstance", "Two", "InfrastructureNode", ""),
        ("InfrastructureNode", "Two", "ContainerInstance", "Forwards API requests to"),
        ("ContainerInstance", "One", "ContainerInstance", "Makes API requests to")])


def test_remove_relationship_outside_an_environment_or_with_nothing_to_remove(dsl):
    p = dsl('''
        workspace {
            model {
                a = softwareSystem "A"
                b = softwareSystem "B"
                a -/> b
                live = deploymentEnvironment "Live" {
                    deploymentNode "N" {
                        instanceOf a
                        instanceOf b
                    }
                    a -/> b
                }
            }
        }
    ''')
    assert lines(p) == [("C4001", 6), ("C4001", 12)]


def test_model_properties_group_inside_element_and_group_identifier_in_views(dsl, tmp_path):
    (tmp_path / "decisions").mkdir()
    p = dsl('''
        workspace {
            model {
                properties {
                    "structurizr.groupSeparator" "/"
                }
                s = softwareSystem "S" {
                    !decisions decisions
                    layer = group "Layer" {
                        a = container "A"
                        group "Inner" {
                            b = container "B"
                        }
                    }
                    c = container "C"
                }
            }
            views {
                container s "Layer" {
                    include layer
                }
            }
        }
    ''')
    assert p.findings == []
    assert p.ws.properties == {"structurizr.groupSeparator": "/"}
    assert [(e.id, e.group) for e in p.ws.elements] == [
        ("s", None), ("a", "Layer"), ("b", "Layer/Inner"), ("c", None)]
    assert p.view("Layer")["elements"] == ["a", "b"]
    assert p.ws.adr_folders == [("decisions", "s")]
    assert p.ws.element("s").decision_folders == ["decisions"]


def test_properties_of_the_element_may_not_be_set_inside_a_group(dsl):
    p = dsl('''
        workspace {
            model {
                s = softwareSystem "S" {
                    group "G" {
                        url https://example.com
                        description "x"
                    }
                }
            }
        }
    ''')
    assert lines(p) == [("C4001", 6), ("C4001", 7)]
    assert p.ws.element("s").url == ""


# ---------------------------------------------------------------- dynamic views

def test_dynamic_steps_with_blocks_and_explicit_order(dsl):
    # dynamic-view-with-explicit-ordering.dsl, parallel3.dsl
    p = dsl('''
        workspace {
            model {
                a = softwareSystem "A"
                b = softwareSystem "B"
                c = softwareSystem "C"
                d = softwareSystem "D"
                e = softwareSystem "E"
                a -> b
                b -> c
                b -> d
                b -> e
            }
            views {
                dynamic * "Ordered" {
                    1: a -> b "Makes a request to" {
                        url https://example.com/step
                        properties {
                            latency 20ms
                        }
                    }
                    2: b -> c "Gets data from"
                    2: b -> d "Gets data from"
                    3: b -> e "Sends data to"
                }
            }
        }
    ''')
    assert p.findings == []
    steps = p.ws.view("Ordered").steps
    assert [(s.order, s.relationship.source.id, s.relationship.destination.id) for s in steps] == [
        ("1", "a", "b"), ("2", "b", "c"), ("2", "b", "d"), ("3", "b", "e")]
    assert (steps[0].url, steps[0].properties) == ("https://example.com/step", {"latency": "20ms"})


def test_parallel_sequences_numbered_as_structurizr_numbers_them(dsl):
    # the cookbook's "Dynamic view (with parallel sequences)": 1, 2, 2, 3
    p = dsl('''
        workspace {
            model {
                a = softwareSystem "A"
                b = softwareSystem "B"
                c = softwareSystem "C"
                d = softwareSystem "D"
                e = softwareSystem "E"
                a -> b
                b -> c
                b -> d
                b -> e
            }
            views {
                dynamic * "Parallel" {
                    a -> b "Makes a request to"
                    {
                        {
                            b -> c "Gets data from"
                        }
                        {
                            b -> d "Gets data from"
                        }
                    }
                    b -> e "Sends data to"
                }
                dynamic * "Flat" {
                    a -> b
                    {
                        b -> c
                        b -> d
                    }
                    b -> e
                }
            }
        }
    ''')
    assert p.findings == []
    assert [s.order for s in p.ws.view("Parallel").steps] == ["1", "2", "2", "3"]
    # a parallel sequence with steps of its own returns to the number it started from
    assert [s.order for s in p.ws.view("Flat").steps] == ["1", "2", "3", "2"]


def test_step_block_accepts_only_url_and_properties(dsl):
    p = dsl('''
        workspace {
            model {
                a = softwareSystem "A"
                b = softwareSystem "B"
                a -> b
            }
            views {
                dynamic * {
                    a -> b {
                        tags "x"
                    }
                }
            }
        }
    ''')
    assert lines(p) == [("C4001", 11)]


# ---------------------------------------------------------------- deployment environments

def test_deployment_view_names_environment_by_identifier_and_relative_identifiers(dsl):
    p = dsl('''
        workspace {
            !identifiers hierarchical
            model {
                ss = softwareSystem "S"
                live = deploymentEnvironment "Live" {
                    ss = deploymentNode "Server" {
                        softwareSystemInstance ss
                    }
                    lb = infrastructureNode "LB"
                    lb -> ss "Forwards to"
                }
            }
            views {
                deployment * live "Live" {
                    include *
                }
            }
        }
    ''')
    assert p.findings == []
    instance = next(e for e in p.ws.elements if e.type == "SoftwareSystemInstance")
    assert instance.instance_of.id == "ss"
    assert [(r.source.id, r.destination.id) for r in p.ws.relationships] == [("live.lb", "live.ss")]
    assert p.ws.view("Live").environment == "Live"


def test_empty_environment_is_known_to_views(dsl):
    p = dsl('''
        workspace {
            model {
                s = softwareSystem "S"
                deploymentEnvironment "Empty"
            }
            views {
                deployment * "Empty" "E" {
                    include *
                }
            }
        }
    ''')
    assert [f.code for f in p.findings] == []


# ---------------------------------------------------------------- lexing, images, themes

def test_line_continuation_inside_a_quoted_string(dsl):
    p = dsl('''
        workspace {
            model {
                s = softwareSystem "A name written \\
                    over two lines" "And a description"
            }
        }
    ''')
    assert p.findings == []
    assert (p.ws.element("s").name, p.ws.element("s").description) == (
        "A name written over two lines", "And a description")


def test_image_view_light_and_dark_and_themes(dsl):
    p = dsl('''
        workspace {
            model {
                s = softwareSystem "S"
            }
            views {
                image s "Picture" {
                    light {
                        image light.png
                    }
                    dark {
                        image dark.png
                    }
                }
                styles {
                    theme default
                    theme https://example.com/theme.json
                }
                themes default https://example.com/other.json
            }
        }
    ''')
    assert lines(p) == [("C4002", 17), ("C4002", 19)]
    view = p.ws.view("Picture")
    assert (view.image, view.image_dark) == ("light.png", "dark.png")


def test_unknown_style_property_is_an_error(dsl):
    p = dsl('''
        workspace {
            views {
                styles {
                    element "Person" {
                        url https://example.com
                        shape person
                    }
                }
            }
        }
    ''')
    assert lines(p) == [("C4001", 6)]
    assert p.ws.element_styles[0].values == {"shape": "person"}


# ---------------------------------------------------------------- identifiers and views

def test_made_up_identifiers_never_collide_with_written_ones(dsl):
    p = dsl('''
        workspace {
            model {
                softwareSystem "A" {
                    a = container "A"
                }
                b = softwareSystem "B"
                a -> b "Uses"
            }
        }
    ''')
    assert p.findings == []
    container = next(e for e in p.ws.elements if e.type == "Container")
    system = next(e for e in p.ws.elements if e.name == "A" and e.type == "SoftwareSystem")
    assert container.id == "a" and system.id != "a"
    assert p.ws.relationships[0].source is container


def test_unnamed_elements_are_not_found_by_their_made_up_identifier(dsl):
    p = dsl('''
        workspace {
            model {
                softwareSystem "Shop"
                u = person "U"
                u -> shop
            }
        }
    ''')
    assert lines(p) == [("C4003", 6)]


def test_include_and_exclude_apply_in_the_order_written(dsl):
    p = dsl('''
        workspace {
            model {
                a = softwareSystem "A"
                b = softwareSystem "B"
                c = softwareSystem "C"
                a -> b
            }
            views {
                systemLandscape "Ordered" {
                    exclude b
                    include *
                    exclude c
                }
            }
        }
    ''')
    assert p.findings == []
    assert p.view("Ordered")["elements"] == ["a", "b"]


def test_relationship_identifier_in_a_view_covers_what_it_implies(dsl):
    p = dsl('''
        workspace {
            model {
                u = person "U"
                s = softwareSystem "S" {
                    w = container "W"
                }
                r = u -> w "Uses"
            }
            views {
                systemLandscape "Landscape" {
                    include r
                }
            }
        }
    ''')
    assert p.findings == []
    view = p.view("Landscape")
    assert view["elements"] == ["u", "s"]
    assert len(view["relationships"]) == 1
    assert p.ws.relationships[1].implied


# ---------------------------------------------------------------- rejections

def test_second_workspace_model_and_views_blocks_are_rejected(dsl):
    p = dsl('''
        workspace {
            model {
                a = softwareSystem "A"
            }
            model {
                b = softwareSystem "B"
            }
            views {
            }
            views {
            }
        }
        workspace {
        }
    ''')
    assert lines(p) == [("C4001", 6), ("C4001", 11), ("C4001", 14)]
    assert p.ids() == ["a"]


def test_relationship_duplicating_an_implied_one_is_rejected(dsl):
    p = dsl('''
        workspace {
            model {
                u = person "U"
                s = softwareSystem "S" {
                    w = container "W"
                }
                u -> w "Uses"
                u -> s "Uses"
                u -> s "Administers"
            }
        }
    ''')
    assert lines(p) == [("C4004", 9)]
    assert "implied" in p.findings[0].message
    assert [(s, d, i) for s, d, i in p.rels()] == [("u", "w", False), ("u", "s", True), ("u", "s", False)]


def test_removed_keywords_name_their_replacement(dsl):
    p = dsl('''
        workspace {
            !constant NAME "x"
            model {
                enterprise "E" {
                    s = softwareSystem "S"
                }
            }
        }
    ''')
    assert lines(p) == [("C4015", 3), ("C4015", 5)]
    assert "'!const'" in p.findings[0].message and "'group'" in p.findings[1].message


def test_var_may_not_redefine_a_const_but_may_redefine_a_var(dsl):
    p = dsl('''
        workspace {
            !const A "1"
            !var B "2"
            !var B "3"
            !var A "4"
            !const B "5"
            model {
                s = softwareSystem "${A}${B}"
            }
        }
    ''')
    assert lines(p) == [("C4001", 6), ("C4001", 7)]
    assert p.ws.element("s").name == "13"


def test_jvm_only_directives_stay_unsupported_warnings(dsl):
    p = dsl('''
        workspace {
            model {
                !components {
                    x
                }
            }
            !script groovy {
                workspace.name = "x"
            }
            !plugin com.example.Plugin
        }
    ''')
    assert [f.code for f in p.findings] == ["C4002"] * 3


# ---------------------------------------------------------------- JSON workspaces

WORKSPACE_JSON = {
    "name": "From JSON",
    "model": {
        "people": [{"id": "1", "name": "User", "tags": "Element,Person",
                    "properties": {"structurizr.dsl.identifier": "user"},
                    "relationships": [{"id": "3", "sourceId": "1", "destinationId": "2",
                                       "description": "Uses", "tags": "Relationship"}]}],
        "softwareSystems": [{"id": "2", "name": "Shop", "tags": "Element,Software System",
                             "properties": {"structurizr.dsl.identifier": "shop"},
                             "containers": [{"id": "4", "name": "Web", "technology": "Python",
                                             "tags": "Element,Container"}]}],
        "deploymentNodes": [{"id": "5", "name": "Server", "environment": "Live",
                             "softwareSystemInstances": [{"id": "6", "softwareSystemId": "2",
                                                          "instanceId": 1}]}],
    },
    "views": {
        "systemContextViews": [{"key": "Context", "softwareSystemId": "2",
                                "elements": [{"id": "1", "x": 100, "y": 50}, {"id": "2", "x": 100, "y": 400}],
                                "relationships": [{"id": "3"}]}],
        "configuration": {"styles": {"elements": [{"tag": "Person", "shape": "Person"}]}},
    },
}


def test_json_workspace_read_directly_with_its_manual_layout(tmp_path):
    from specsite.c4.parser import parse_workspace
    from specsite.core.project import Project

    path = tmp_path / "workspace.json"
    path.write_text(json.dumps(WORKSPACE_JSON))
    findings: list = []
    ws = parse_workspace(Project(tmp_path), path, findings)
    assert findings == []
    assert [(e.id, e.type, e.parent.id if e.parent else None) for e in ws.elements] == [
        ("user", "Person", None), ("shop", "SoftwareSystem", None), ("shop.web", "Container", "shop"),
        ("server", "DeploymentNode", None), ("server.shop", "SoftwareSystemInstance", "server")]
    assert ws.elements[-1].instance_of.id == "shop"
    view = ws.view("Context")
    assert ([e.id for e in view.elements], [r.description for r in view.relationships]) == (
        ["user", "shop"], ["Uses"])
    assert view.positions == {"user": (100, 50), "shop": (100, 400)}
    assert ws.element_styles[0].values == {"shape": "Person"}
    assert ws.environments == ["Live"]


def test_dsl_workspace_extends_a_json_workspace(dsl):
    p = dsl('''
        workspace extends base.json {
            model {
                admin = person "Admin"
                admin -> shop "Manages"
            }
            views {
                systemContext shop "Extended" {
                    include *
                }
            }
        }
    ''', **{"base.json": json.dumps(WORKSPACE_JSON)})
    assert p.findings == []
    assert [v.key for v in p.ws.views] == ["Context", "Extended"]
    assert p.view("Extended")["elements"] == ["shop", "user", "admin"]


def test_an_instance_added_to_a_json_workspace_node_is_numbered_after_its_instances(dsl):
    # Structurizr counts the instances already in the node, whichever file declared them
    from specsite.c4.canonical import canonical_name

    p = dsl('''
        workspace extends base.json {
            model {
                !element "DeploymentNode://Live/Server" {
                    softwareSystemInstance shop
                }
            }
        }
    ''', **{"base.json": json.dumps(WORKSPACE_JSON)})
    assert p.findings == []
    assert [canonical_name(e) for e in p.ws.elements if e.instance_of is not None] == [
        "SoftwareSystemInstance://Live/Server/Shop[1]", "SoftwareSystemInstance://Live/Server/Shop[2]"]


def test_broken_json_workspace_is_a_finding(tmp_path):
    from specsite.c4.parser import parse_workspace
    from specsite.core.project import Project

    path = tmp_path / "workspace.json"
    path.write_text('{"model": {\n  "people": [}\n}')
    findings: list = []
    parse_workspace(Project(tmp_path), path, findings)
    assert [(f.code, f.line) for f in findings] == [("C4016", 2)]
