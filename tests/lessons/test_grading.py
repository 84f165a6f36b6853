"""Grading every question type from the snapshot, including awkward input."""

from decimal import Decimal

import pytest

from lessons.grading import clean_answers, grade, grade_question, parse_number

SINGLE = {
    "id": "s",
    "type": "single_choice",
    "points": 2,
    "options": [
        {"id": "a", "text": "Mars", "correct": False},
        {"id": "b", "text": "Jupiter", "correct": True},
    ],
}
MULTI = {
    "id": "m",
    "type": "multiple_choice",
    "points": 2,
    "partial_credit": False,
    "options": [
        {"id": "x", "text": "2", "correct": True},
        {"id": "y", "text": "3", "correct": True},
        {"id": "z", "text": "4", "correct": False},
    ],
}
PARTIAL = {**MULTI, "partial_credit": True}
TRUE_FALSE = {"id": "t", "type": "true_false", "points": 1, "correct_answer": "false"}
SHORT = {
    "id": "w",
    "type": "short_text",
    "points": 1,
    "accepted_answers": ["HyperText Transfer Protocol", "HTTP"],
}
NUMERIC = {
    "id": "n",
    "type": "numeric",
    "points": 1,
    "answer": "1.5",
    "tolerance": "0.05",
}


@pytest.mark.parametrize(
    ("question", "answer", "fraction"),
    [
        (SINGLE, "b", 1),
        (SINGLE, "a", 0),
        (SINGLE, "", 0),
        (SINGLE, None, 0),
        (SINGLE, "not-an-option", 0),
        (MULTI, ["x", "y"], 1),
        (MULTI, ["y", "x"], 1),
        (MULTI, ["x"], 0),
        (MULTI, ["x", "y", "z"], 0),
        (MULTI, ["x", "y", "forged-id"], 1),
        (PARTIAL, ["x"], Decimal("0.5")),
        (PARTIAL, ["x", "z"], 0),
        (PARTIAL, ["z"], 0),
        (PARTIAL, ["x", "y"], 1),
        (TRUE_FALSE, "false", 1),
        (TRUE_FALSE, " FALSE ", 1),
        (TRUE_FALSE, "true", 0),
        (SHORT, "http", 1),
        (SHORT, "  hypertext   transfer protocol ", 1),
        (SHORT, "HTTPS", 0),
        (SHORT, "   ", 0),
        (NUMERIC, "1.5", 1),
        (NUMERIC, "1,5", 1),
        (NUMERIC, " 1.54 ", 1),
        (NUMERIC, "1.56", 0),
        (NUMERIC, "one and a half", 0),
        (NUMERIC, "NaN", 0),
        (NUMERIC, "", 0),
    ],
)
def test_each_question_type_is_graded_by_the_server(question, answer, fraction):
    assert grade_question(question, answer) == Decimal(fraction)


def test_an_attempt_adds_up_points_and_ignores_forged_fields():
    snapshot = {"questions": [SINGLE, MULTI, TRUE_FALSE, SHORT, NUMERIC]}
    posted = {
        "s": ["b"],
        "m": ["x", "y"],
        "t": ["true"],
        "w": ["HTTP"],
        "n": ["9"],
        "score": ["100"],
        "correct_answer": ["true"],
    }

    answers = clean_answers(snapshot, posted)
    score, maximum, results = grade(snapshot, answers)

    assert set(answers) == {"s", "m", "t", "w", "n"}
    assert (score, maximum) == (Decimal("5.00"), Decimal("7"))
    assert [r["earned"] for r in results] == ["2.00", "2.00", "0.00", "1.00", "0.00"]
    assert [r["points"] for r in results] == ["2.00", "2.00", "1.00", "1.00", "1.00"]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("3", Decimal(3)),
        ("-0,25", Decimal("-0.25")),
        ("1 000", Decimal(1000)),
        ("1.2.3", None),
    ],
)
def test_numbers_are_read_with_a_comma_or_a_point(text, number):
    assert parse_number(text) == number
