"""The workbench: `hotline-check serve`, the same library behind a local web page.

Pages: upload exports, correct the proposed mapping, the findings, one ticket explained,
the monthly 通报, the reminder list and the rule set in force. Everything it shows comes
from the library (engine, reports, output renderers); this package only asks and shows.
"""
