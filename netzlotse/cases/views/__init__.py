"""The case file's pages, one module per area of work. Every page that touches a case loads it through
`cases.access.case_for` (scoped in the query, logged when read); the modules never import one another."""
