"""The products, each building one document (checker.documents) that the renderers write:
`audit` (the findings), `report` (the monthly 通报 and the units' 整改通知单), `remind`
(the daily reminder list)."""
