"""The reminder list (clause 3.2): as a document (`document`) for the terminal and the
workbook, as data (`json_out`), as text messages (`sms`); the words they share (`wording`)
and the formats by name (`formats`). What is to be chased is checker.reports.reminders."""
