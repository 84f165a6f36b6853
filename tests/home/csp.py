"""Reading a Content-Security-Policy header in tests."""


def directives(header):
    """{directive: its sources as written} of one policy header."""
    parts = (part.strip().split(" ", 1) for part in header.split(";") if part.strip())
    return {name: (rest[0] if rest else "") for name, *rest in parts}
