"""What the report says, from a scored assessment: pure, without I/O, Flask or WeasyPrint."""
