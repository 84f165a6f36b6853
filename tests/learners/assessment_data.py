"""Raw lesson bodies with a quiz and an assignment, as the editor saves them."""


def option(item_id, text, correct=False):
    return {"type": "item", "id": item_id, "value": {"text": text, "correct": correct}}


def quiz_block(block_id="quiz1", **settings):
    value = {
        "title": "Capitals",
        "intro": "",
        "pass_mark": 60,
        "max_attempts": 2,
        "time_limit_minutes": 0,
        "shuffle_questions": False,
        "shuffle_options": False,
        "feedback_mode": "immediate",
        "questions": [
            {
                "type": "single_choice",
                "id": "q-france",
                "value": {
                    "prompt": "Capital of France?",
                    "points": 1,
                    "explanation": "Paris has been the capital since 987.",
                    "options": [
                        option("o-paris", "Paris", True),
                        option("o-lyon", "Lyon"),
                    ],
                },
            },
            {
                "type": "short_text",
                "id": "q-kenya",
                "value": {
                    "prompt": "Capital of Kenya?",
                    "points": 1,
                    "accepted_answers": [
                        {"type": "item", "id": "a1", "value": "Nairobi"}
                    ],
                },
            },
        ],
    }
    value.update(settings)
    return {"type": "quiz", "id": block_id, "value": value}


def assignment_block(block_id="essay", **settings):
    value = {
        "title": "Write an essay",
        "instructions": "<p>Three paragraphs.</p>",
        "max_score": 10,
        "pass_score": 6,
        "allowed_file_types": ["pdf", "txt"],
        "max_file_size_mb": 1,
        "due_days_after_enrolment": 7,
        "allow_resubmission": True,
        "rubric": [
            {
                "type": "item",
                "id": "r1",
                "value": {"title": "Ideas", "description": "", "points": 6},
            },
            {
                "type": "item",
                "id": "r2",
                "value": {"title": "Style", "description": "", "points": 4},
            },
        ],
    }
    value.update(settings)
    return {"type": "assignment", "id": block_id, "value": value}
