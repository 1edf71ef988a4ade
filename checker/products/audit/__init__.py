"""The findings of `audit` as a document (`document`): what the terminal table, the Markdown
report and the workbook show. The data formats (JSON, CSV, Parquet, GitHub annotations,
JUnit) are written from the findings themselves (checker/output/)."""
