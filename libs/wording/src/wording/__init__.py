"""How Wegweiser writes for people, the same on every page, in every mail and PDF: the
cluster's time zone, and dates, times and numbers as a reader of each language writes them.
Pure: no web, database or broker, so every service's domain may use it."""
