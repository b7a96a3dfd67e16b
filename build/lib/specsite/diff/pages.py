"""Documentation pages compared: added, removed or edited (they hold ``[[ID]]`` references)."""

from __future__ import annotations

from .compare import Context, common, link_changes, link_summary, pairs
from .model import ADDED, CHANGED, CHANGES, REMOVED, Change, make

_D = CHANGES.define
PAGE_ADDED = _D("page-added", "info", "page", "A documentation page was added.")
PAGE_REMOVED = _D("page-removed", "info", "page", "A documentation page was removed.")
PAGE_CHANGED = _D("page-changed", "info", "page", "A documentation page was edited.")


class PageComparer:
    """Documentation pages (``page:`` entities)."""

    name = "page"

    def compare(self, ctx: Context) -> list[Change]:
        out = []
        for entity_id, before, after in pairs(ctx, ("page",)):
            args = common(before, after)
            if before is None:
                out.append(make(PAGE_ADDED, entity_id, ADDED, f"page {entity_id} added", **args))
            elif after is None:
                out.append(make(PAGE_REMOVED, entity_id, REMOVED, f"page {entity_id} removed", **args))
            elif before.content_hash != after.content_hash or before.title != after.title:
                links = link_changes(before, after)
                extra = f"; {link_summary(links)}" if links else ""
                out.append(make(PAGE_CHANGED, entity_id, CHANGED, f"page {entity_id} edited{extra}",
                                fields=links, **args))
        return out


PAGE_COMPARER = PageComparer()
