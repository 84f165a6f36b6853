"""Moving a course between sites: the native ZIP (`native`: every field,
block and file, a JSON manifest with a format version) and the references
inside content, written as keys instead of database ids (`references`)."""
