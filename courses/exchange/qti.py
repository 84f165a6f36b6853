"""A quiz as a QTI 1.2 assessment in the Common Cartridge profile: single
and multiple choice, true/false and short text questions, each with its
right answers and points; numeric answers have no Common Cartridge type
and are left out."""

from django.utils.translation import gettext as _

from .cc_xml import QTI, element, sub, to_bytes

PROFILES = {
    "single_choice": "cc.multiple_choice.v0p1",
    "true_false": "cc.true_false.v0p1",
    "multiple_choice": "cc.multiple_response.v0p1",
    "short_text": "cc.fib.v0p1",
}


def assessment(quiz, key):
    """(the QTI file's bytes, how many questions were left out)."""
    skipped = 0
    root = element("questestinterop", ns=QTI)
    assessment = sub(root, "assessment", ns=QTI, ident=key, title=quiz["title"])
    _metadata(
        sub(assessment, "qtimetadata", ns=QTI),
        {
            "cc_profile": "cc.exam.v0p1",
            "qmd_assessmenttype": "Examination",
            "cc_maxattempts": str(quiz.get("max_attempts") or "unlimited"),
        },
    )
    section = sub(assessment, "section", ns=QTI, ident=f"{key}-section")
    for index, question in enumerate(quiz["questions"], 1):
        if not _question(section, question, f"{key}-{index}"):
            skipped += 1
    return to_bytes(root), skipped


def _metadata(parent, fields):
    for label, entry in fields.items():
        field = sub(parent, "qtimetadatafield", ns=QTI)
        sub(field, "fieldlabel", label, ns=QTI)
        sub(field, "fieldentry", entry, ns=QTI)


def _question(section, question, ident):
    """One QTI item in the Common Cartridge profile of its type; False for a
    type that has none (numeric)."""
    kind, value = question.block_type, question.value
    if kind not in PROFILES:
        return False
    item = sub(section, "item", ns=QTI, ident=ident, title=value["prompt"][:80])
    _metadata(
        sub(sub(item, "itemmetadata", ns=QTI), "qtimetadata", ns=QTI),
        {"cc_profile": PROFILES[kind], "cc_weighting": str(value.get("points") or 1)},
    )
    presentation = sub(item, "presentation", ns=QTI)
    _text(sub(presentation, "material", ns=QTI), value["prompt"])
    processing = sub(item, "resprocessing", ns=QTI)
    outcomes = sub(processing, "outcomes", ns=QTI)
    sub(
        outcomes, "decvar", ns=QTI, maxvalue=100, minvalue=0, varname="SCORE",
        vartype="Decimal",
    )  # fmt: skip
    if kind == "short_text":
        response = sub(presentation, "response_str", ns=QTI, ident="response1")
        sub(response, "render_fib", ns=QTI)
        condition = _condition(processing)
        for answer in value["accepted_answers"]:
            equal = sub(
                condition, "varequal", str(answer), ns=QTI, respident="response1"
            )
            equal.set("case", "No")
        _full_score(condition.getparent())
        return True
    if kind == "true_false":
        options = [("true", _("True")), ("false", _("False"))]
        right = {value["correct_answer"]}
    else:
        options = [(f"o{n}", o["text"]) for n, o in enumerate(value["options"], 1)]
        right = {f"o{n}" for n, o in enumerate(value["options"], 1) if o["correct"]}
    cardinality = "Multiple" if kind == "multiple_choice" else "Single"
    response = sub(
        presentation,
        "response_lid",
        ns=QTI,
        ident="response1",
        rcardinality=cardinality,
    )
    choices = sub(response, "render_choice", ns=QTI)
    for ident, text in options:
        label = sub(choices, "response_label", ns=QTI, ident=ident)
        _text(sub(label, "material", ns=QTI), str(text))
    condition = _condition(processing)
    if cardinality == "Multiple":
        condition = sub(condition, "and", ns=QTI)
        for ident, _text_value in options:
            target = condition if ident in right else sub(condition, "not", ns=QTI)
            sub(target, "varequal", ident, ns=QTI, respident="response1")
    else:
        for ident in sorted(right):
            sub(condition, "varequal", ident, ns=QTI, respident="response1")
    _full_score(processing.find(f"{{{QTI}}}respcondition"))
    return True


def _condition(processing):
    respcondition = sub(processing, "respcondition", ns=QTI, **{"continue": "No"})
    return sub(respcondition, "conditionvar", ns=QTI)


def _full_score(respcondition):
    sub(respcondition, "setvar", "100", ns=QTI, action="Set", varname="SCORE")


def _text(material, text):
    sub(material, "mattext", text, ns=QTI, texttype="text/plain")
