"""Roadmap rules: the plan must agree with the dependencies, milestones and statuses it shows."""

from ..core.findings import CATALOGUE

EARLIER_THAN_DEPENDENCY = CATALOGUE.define(
    "ROAD001", "planned-before-dependency", "error",
    "A PRD is planned in an earlier release than a PRD or requirement it (or one of its "
    "requirements) depends on, which is not shipped yet.", "roadmap")
MILESTONE_AFTER_RELEASE = CATALOGUE.define(
    "ROAD002", "milestone-after-release", "warning",
    "A milestone is dated after the last day of its PRD's release (quarter releases, and named "
    "releases given a date in `roadmap.releases`).", "roadmap")
SHIPPED_ON_UNSHIPPED = CATALOGUE.define(
    "ROAD003", "shipped-depends-on-unshipped", "error",
    "A shipped PRD (or one of its requirements) depends on a PRD or requirement whose PRD is not "
    "shipped.", "roadmap")
DEPENDENCY_CYCLE = CATALOGUE.define(
    "ROAD004", "dependency-cycle", "error",
    "PRDs and requirements depend on each other in a cycle, so none of them can go first "
    "(reported once per cycle, at its first `depends_on` entry by file and line).", "roadmap")
UNKNOWN_CURRENT = CATALOGUE.define(
    "ROAD005", "unknown-current-release", "warning",
    "`roadmap.current` names a release no shown PRD is planned for.", "roadmap")
UNLISTED_RELEASE = CATALOGUE.define(
    "ROAD006", "release-not-in-order", "warning",
    "`roadmap.releases` lists the release order, but a PRD's release is neither listed nor a "
    "quarter, so where it falls in the plan is unknown.", "roadmap")
