"""Official SDG data read from a file the campaigner downloaded (never from the network).

One stage per module:

- ``table``: the common table every reader returns (one ``Observation`` per value, with
  its series, area, year, dimensions, units, nature, bounds, source and footnote);
- ``readers``: one reader per format — the UN SDG Global Database export (CSV or
  spreadsheet), an Open SDG national platform's CSV, a World Bank WDI CSV — and the
  detection of which one a file is;
- ``select``: a campaign's selection (series, area, year, compare, where) → the groups it
  names, or an error that lists what the file has;
- ``groups``: the names of groups (FEMALE, RURAL, Q1 …) in the card's language;
- ``fill``: a selection as the fields of a template (gap, trend, chart, stat, progress,
  carousel).
"""
