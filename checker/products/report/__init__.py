"""The monthly 通报 as a document (`document`), one page per unit (`by_unit`), and the
report's formats by name (`formats`). The figures themselves are report data
(checker.reports.monthly)."""
