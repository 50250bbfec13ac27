"""The charts a company sees of its assessment, drawn once for the result page and the PDF.

Inline SVG rather than a chart library: no JavaScript, no fonts or files of their own, and
WeasyPrint draws them as vectors in the report's font. Each shape carries presentation
attributes (what the PDF shows) and a class (which the page's style sheet may restyle).
Pure functions: numbers and texts in, escaped markup out.
"""
