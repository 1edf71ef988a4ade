"""One renderer per format family, each writing any document (checker.documents):
`markdown`, `html`, `xlsx`, `docx`, `terminal`. `tables` holds what they share about
tables: which columns and rows a family shows, and a grouped table flattened for sheets."""
