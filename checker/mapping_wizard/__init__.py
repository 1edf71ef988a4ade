"""`hotline-check mapping init`: a commented mapping proposed from a platform's export.

synonyms.py reads the header wordings (rules/header-synonyms.yaml); propose.py finds the
header row, places each column, looks at the values; write.py writes the mapping file.
"""

from checker.mapping_wizard.propose import Proposal, propose_mapping
from checker.mapping_wizard.write import mapping_text

__all__ = ["Proposal", "mapping_text", "propose_mapping"]
