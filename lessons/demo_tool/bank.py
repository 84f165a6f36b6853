"""The practice tutor's questions by topic; the lesson picks one with ?topic=."""

BANKS = {
    "python": [
        ("What does len([4, 5, 6, 7]) return?", ["4"], "len counts the items."),
        ("Which keyword defines a function?", ["def"], "Functions start with def."),
        ("What is 10 // 3 in Python?", ["3"], "// divides and drops the rest."),
    ],
    "sql": [
        (
            "Which clause sorts the result?",
            ["order by"],
            "ORDER BY sorts; add DESC for largest first.",
        ),
        (
            "Which aggregate adds up a column?",
            ["sum", "sum()"],
            "SUM(total) adds every value.",
        ),
        (
            "Which clause filters groups?",
            ["having"],
            "WHERE filters rows, HAVING filters groups.",
        ),
    ],
    "writing": [
        (
            "Rewrite in two words: 'at this point in time'.",
            ["right now", "now", "at present"],
            "Shorter phrases are easier to scan.",
        ),
        (
            "Active or passive: 'The form was sent by you.'",
            ["passive"],
            "Active: 'You sent the form.'",
        ),
        (
            "Where should the main point of a page go: first or last?",
            ["first"],
            "Readers decide in the first lines.",
        ),
    ],
}
# Two right answers finish the practice.
RIGHT_ANSWERS_NEEDED = 2


def questions(topic):
    return BANKS.get(topic) or BANKS["python"]


def is_right(topic, index, answer):
    _prompt, accepted, _why = questions(topic)[index]
    given = " ".join(str(answer).lower().split())
    return given in accepted
