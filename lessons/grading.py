"""Quiz snapshots and grading. Grading reads only the snapshot taken when the
attempt started, never the live quiz, and never anything the browser claims."""

import random
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
MAX_TEXT_ANSWER = 200


def quiz_blocks(lesson):
    """{block id: quiz value} for the quizzes in the lesson's published body."""
    return {
        block.id: block.value for block in lesson.body if block.block_type == "quiz"
    }


def take_snapshot(quiz, seed):
    """Freeze the questions as they are now, in this attempt's own order."""
    rng = random.Random(seed)  # noqa: S311 - ordering, not security
    questions = [_question_snapshot(child, quiz, rng) for child in quiz["questions"]]
    if quiz["shuffle_questions"]:
        rng.shuffle(questions)
    return {
        "title": quiz["title"],
        "pass_mark": quiz["pass_mark"],
        "max_attempts": quiz["max_attempts"],
        "time_limit_minutes": quiz["time_limit_minutes"],
        "feedback_mode": quiz["feedback_mode"],
        "questions": questions,
    }


def _question_snapshot(child, quiz, rng):
    value = child.value
    question = {
        "id": child.id,
        "type": child.block_type,
        "prompt": value["prompt"],
        "points": value["points"],
        "explanation": value.get("explanation") or "",
    }
    if "options" in value:
        options = [
            {
                "id": option.id,
                "text": option.value["text"],
                "correct": bool(option.value["correct"]),
            }
            for option in value["options"].bound_blocks
        ]
        if quiz["shuffle_options"]:
            rng.shuffle(options)
        question["options"] = options
        question["partial_credit"] = bool(value.get("partial_credit"))
    if child.block_type == "true_false":
        question["correct_answer"] = value["correct_answer"]
    if child.block_type == "short_text":
        question["accepted_answers"] = list(value["accepted_answers"])
    if child.block_type == "numeric":
        question["answer"] = str(value["answer"])
        question["tolerance"] = str(value["tolerance"] or 0)
    return question


def public_questions(snapshot):
    """The snapshot without anything that gives the answer away."""
    hidden = {
        "correct",
        "correct_answer",
        "accepted_answers",
        "answer",
        "tolerance",
        "explanation",
    }
    questions = []
    for question in snapshot["questions"]:
        public = {k: v for k, v in question.items() if k not in hidden}
        if "options" in question:
            public["options"] = [
                {"id": o["id"], "text": o["text"]} for o in question["options"]
            ]
        questions.append(public)
    return questions


def clean_answers(snapshot, submitted):
    """Keep only answers to this attempt's questions, in the shape each expects."""
    cleaned = {}
    for question in snapshot["questions"]:
        raw = submitted.get(question["id"])
        if raw in (None, "", []):
            continue
        if question["type"] == "multiple_choice":
            values = raw if isinstance(raw, list) else [raw]
            cleaned[question["id"]] = sorted({str(v)[:64] for v in values})
        else:
            value = raw[0] if isinstance(raw, list) and raw else raw
            cleaned[question["id"]] = str(value)[:MAX_TEXT_ANSWER]
    return cleaned


def grade(snapshot, answers):
    """Score every question; return (score, max score, per-question results)."""
    results = []
    for question in snapshot["questions"]:
        points = Decimal(question["points"])
        earned = (
            grade_question(question, answers.get(question["id"])) * points
        ).quantize(CENT, ROUND_HALF_UP)
        results.append(
            {
                "id": question["id"],
                "earned": str(earned),
                "points": str(points.quantize(CENT)),
            }
        )
    score = sum((Decimal(r["earned"]) for r in results), Decimal(0))
    maximum = sum((Decimal(q["points"]) for q in snapshot["questions"]), Decimal(0))
    return score, maximum, results


def grade_question(question, answer):
    """The fraction of the question's points (0 to 1) that `answer` earns."""
    if answer in (None, "", []):
        return Decimal(0)
    kind = question["type"]
    if kind == "single_choice":
        correct = {o["id"] for o in question["options"] if o["correct"]}
        return Decimal(1) if str(answer) in correct else Decimal(0)
    if kind == "multiple_choice":
        return _grade_multiple(question, answer)
    if kind == "true_false":
        return (
            Decimal(1)
            if str(answer).strip().lower() == question["correct_answer"]
            else Decimal(0)
        )
    if kind == "short_text":
        given = normalise_text(str(answer))
        accepted = {normalise_text(a) for a in question["accepted_answers"]}
        return Decimal(1) if given and given in accepted else Decimal(0)
    if kind == "numeric":
        number = parse_number(str(answer))
        if number is None:
            return Decimal(0)
        target, tolerance = Decimal(question["answer"]), Decimal(question["tolerance"])
        return Decimal(1) if abs(number - target) <= tolerance else Decimal(0)
    return Decimal(0)


def _grade_multiple(question, answer):
    known = {o["id"] for o in question["options"]}
    correct = {o["id"] for o in question["options"] if o["correct"]}
    picked = {
        str(a) for a in (answer if isinstance(answer, list) else [answer])
    } & known
    if not question.get("partial_credit"):
        return Decimal(1) if picked == correct else Decimal(0)
    right, wrong = len(picked & correct), len(picked - correct)
    return max(Decimal(0), Decimal(right - wrong) / Decimal(len(correct)))


def normalise_text(text):
    """'  Hyper  Text ' and 'hyper text' match: case and spacing do not count."""
    return re.sub(r"\s+", " ", text).strip().casefold()


def parse_number(text):
    """'1.5', '1,5' and ' 1.50 ' are all one and a half; anything else is None."""
    text = text.strip().replace(" ", "")
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None
