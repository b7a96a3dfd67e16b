"""Architecture decision records, read as teams already write them (Nygard/adr-tools, MADR 2-4,
log4brains)."""
