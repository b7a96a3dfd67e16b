"""Parse and render a generated Structurizr workspace of 1,000 elements and 50 views; print figures.

Run: .venv/bin/python benchmarks/c4_bench.py [--elements N] [--views N]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from specsite.c4.kind import C4_KIND
from specsite.c4.layout import layout_view
from specsite.c4.svg import render_svg
from specsite.core.config import SpecsiteConfig
from specsite.core.graph import SpecGraph
from specsite.core.kind import SiteContext
from specsite.core.project import Project


def generate(elements: int, views: int, seed: int = 7) -> str:
    """A workspace: people, systems of containers of components, a deployment environment, views."""
    rng = random.Random(seed)
    people = max(1, elements // 50)
    per_system = 1 + 5 + 5 * 5
    nodes = max(1, elements // 20)
    systems = max(1, (elements - people - 2 * nodes) // per_system)
    lines = ['workspace "Benchmark" "Generated." {', "    model {"]
    for p in range(people):
        lines.append(f'        p{p} = person "Person {p}" "A user."')
    components: list[str] = []
    containers: list[str] = []
    for s in range(systems):
        lines.append(f'        s{s} = softwareSystem "System {s}" "Does things." {{')
        for c in range(5):
            cid = f"s{s}c{c}"
            containers.append(cid)
            lines.append(f'            {cid} = container "Container {s}.{c}" "Holds code." "Python" {{')
            for k in range(5):
                kid = f"{cid}k{k}"
                components.append(kid)
                lines.append(f'                {kid} = component "Component {s}.{c}.{k}" "Works." "Module"')
            lines.append("            }")
        lines.append("        }")
    count = people + systems * per_system
    for i, kid in enumerate(components):
        peer = components[(i + 1) % len(components)]
        lines.append(f'        {kid} -> {peer} "Calls" "HTTPS"')
        if i % 7 == 0:
            lines.append(f'        {kid} -> {rng.choice(components)} "Notifies" "AMQP"')
    for p in range(people):
        lines.append(f'        p{p} -> {rng.choice(containers)} "Uses" "HTTPS"')
    lines.append('        deploymentEnvironment "Live" {')
    remaining = max(0, elements - count)
    n = 0
    while remaining >= 2:
        lines.append(f'            deploymentNode "Node {n}" "" "Linux" {{')
        lines.append(f"                containerInstance {containers[n % len(containers)]}")
        lines.append("            }")
        remaining -= 2
        n += 1
    lines.append("        }")
    lines.append("    }")
    lines.append("    views {")
    made = 0
    lines.append('        systemLandscape "Landscape" {\n            include *\n            autoLayout\n        }')
    made += 1
    lines.append('        deployment * "Live" "Live" {\n            include *\n            autoLayout\n        }')
    made += 1
    kinds = ["systemContext", "container", "component"]
    i = 0
    while made < views:
        kind = kinds[i % 3]
        s = (i // 3) % systems
        scope = f"s{s}c{i % 5}" if kind == "component" else f"s{s}"
        lines.append(f'        {kind} {scope} "View{i}" {{\n            include *\n            autoLayout\n        }}')
        made += 1
        i += 1
    lines.append("    }")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--elements", type=int, default=1000)
    parser.add_argument("--views", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        text = generate(args.elements, args.views)
        (root / "workspace.dsl").write_text(text)
        config = SpecsiteConfig(c4=["workspace.dsl"])
        project = Project(root)

        t0 = time.perf_counter()
        result = C4_KIND.read(project, config)
        t1 = time.perf_counter()
        ws = result.model.workspaces[0]
        graph = SpecGraph(result.entities)
        findings = C4_KIND.check(graph, result, config)
        t2 = time.perf_counter()
        layout_view(ws.views[0])  # the first call compiles the WebAssembly module
        t3 = time.perf_counter()
        layouts = [layout_view(v) for v in ws.views]
        t4 = time.perf_counter()
        svgs = [render_svg(ws, v, lay, lambda e: None) for v, lay in zip(ws.views, layouts)]
        t5 = time.perf_counter()
        pages = C4_KIND.pages(graph, result, SiteContext(True))
        t6 = time.perf_counter()

    data = result.model.export()
    biggest = max(ws.views, key=lambda v: len(v.elements))
    print(f"input:        {len(text.splitlines()):,} lines of DSL, {len(text) / 1024:.0f} KiB")
    print(f"model:        {len(data['elements']):,} elements, {len(data['relationships']):,} relationships "
          f"({sum(r['implied'] for r in data['relationships']):,} implied), {len(data['views'])} views")
    print(f"largest view: {biggest.key} with {len(biggest.elements)} elements, "
          f"{len(biggest.relationships)} relationships")
    print(f"parse:        {(t1 - t0) * 1000:8.1f} ms  (lex, parse, implied relationships, views)")
    print(f"check:        {(t2 - t1) * 1000:8.1f} ms  ({len(findings)} findings)")
    print(f"engine start: {(t3 - t2) * 1000:8.1f} ms  (WebAssembly Graphviz, once per process)")
    print(f"layout:       {(t4 - t3) * 1000:8.1f} ms  for {len(layouts)} views "
          f"({(t4 - t3) * 1000 / len(layouts):.1f} ms a view, engine: {layouts[0].engine})")
    print(f"svg:          {(t5 - t4) * 1000:8.1f} ms  ({sum(len(s) for s in svgs) / 1024:.0f} KiB of SVG)")
    print(f"pages:        {(t6 - t5) * 1000:8.1f} ms  for {len(pages)} pages (layout and SVG again included)")
    print(f"total:        {(t6 - t0) * 1000:8.1f} ms")
    compare_with_native_dot(ws.views, t3 - t2)


def compare_with_native_dot(views: list, engine_start: float) -> None:
    """The same DOT through Debian's native Graphviz (``apt-get install graphviz``), same run."""
    import shutil
    import subprocess

    from specsite.c4.engine import run_dot
    from specsite.c4.layout import to_dot
    from specsite.core.limits import Limits

    dot = shutil.which("dot")
    if dot is None:
        print("native dot:   not installed (apt-get install graphviz) - no comparison")
        return
    sources = [to_dot(v)[0] for v in views]
    fuel = Limits().max_layout_work
    start = time.perf_counter()
    for source in sources:
        run_dot(source, fuel)
    wasm = time.perf_counter() - start
    start = time.perf_counter()
    for source in sources:
        subprocess.run([dot, "-Tjson0"], input=source, capture_output=True, text=True, check=True)
    native = time.perf_counter() - start
    start = time.perf_counter()
    subprocess.run([dot, "-Tjson0"], input=sources[0], capture_output=True, text=True, check=True)
    one = time.perf_counter() - start
    print(f"native dot:   {native * 1000:8.1f} ms  for the same {len(sources)} DOT graphs, a process each "
          f"({one * 1000:.1f} ms for one)")
    print(f"wasm graphviz:{wasm * 1000:8.1f} ms  in-process: {native / wasm:.1f}x faster than native dot "
          f"run per view (engine start excluded)")
    print(f"              {(wasm + engine_start) * 1000:8.1f} ms  with the one-time engine start: "
          f"{(wasm + engine_start) / native:.2f}x native dot's time")


if __name__ == "__main__":
    main()
