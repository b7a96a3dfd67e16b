"""Technical-debt register rules (DEBT001..DEBT009)."""

from ..core.findings import CATALOGUE

SCHEMA = CATALOGUE.define(
    "DEBT001", "debt-schema-violation", "error",
    "Debt item front matter is missing, has an unknown field or a value of the wrong type or "
    "form (`specsite schema debt`).", "debt")
DUPLICATE = CATALOGUE.define(
    "DEBT002", "duplicate-debt-id", "error", "Two debt items have the same ID.", "debt")
UNKNOWN_ELEMENT = CATALOGUE.define(
    "DEBT003", "debt-unknown-element", "error",
    "A debt item names a C4 element the model does not have (removed or misspelt); checked once "
    "a C4 model is configured.", "debt")
UNKNOWN_ADR = CATALOGUE.define(
    "DEBT004", "debt-unknown-adr", "error",
    "A debt item names a decision that is not in the ADR folders.", "debt")
DELIBERATE_WITHOUT_ADR = CATALOGUE.define(
    "DEBT005", "deliberate-debt-without-adr", "warning",
    "Deliberate debt (`*-deliberate`) names no ADR: the decision that accepted it is not "
    "recorded.", "debt")
SCHEDULED_WITHOUT_RELEASE = CATALOGUE.define(
    "DEBT006", "scheduled-debt-without-release", "error",
    "A debt item is `scheduled` but gives no `release`.", "debt")
REPAID_STILL_OPEN = CATALOGUE.define(
    "DEBT007", "repaid-debt-open-in-adr", "warning",
    "An accepted ADR references a repaid debt item (`[[DEBT-NNNN]]`) on a line that does not say "
    "it is repaid, so the decision still reads as if the debt were open.", "debt")
NOT_ESTIMATED = CATALOGUE.define(
    "DEBT008", "debt-not-estimated", "info",
    "An open or scheduled debt item lacks `interest` or `principal`, so the register cannot rank "
    "it.", "debt")
UNITS_NOT_COMPARABLE = CATALOGUE.define(
    "DEBT009", "debt-units-not-comparable", "warning",
    "A debt item's interest and principal are in units that do not convert to one another "
    "(hours/month against EUR, or a period other than day, week, month, quarter or year), so the "
    "register ranks it after the comparable ones.", "debt")
