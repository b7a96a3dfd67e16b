"""The roadmap: a view over the PRDs in the spec graph (releases, status, milestones and
dependencies), drawn as pages and checked by ``ROAD`` rules. It reads no files of its own."""
