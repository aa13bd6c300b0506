"""Sales reports for operators and partners: SQL aggregates, SVG charts, spreadsheets."""
