"""The demo catalogue: three real courses that show every kind of lesson block.

Bodies are lists of (block type, value). `HANDOUT` stands for the course's
generated PDF; `TOOL_URL` for the demo practice tool served by this site;
`video`, `captions`, `activity`, `scorm_package` and `cmi5_package` for the
media made in
`demo/media`.
"""

from demo.media.seed import CAPTIONS, CMI5, H5P, SCORM, VIDEO, transcript

HANDOUT = "__handout__"
TOOL_URL = "__tool_url__"


def video(slug):
    return VIDEO + slug


def captions(slug):
    return CAPTIONS + slug


def activity(slug):
    return H5P + slug


def scorm_package(slug):
    return SCORM + slug


def cmi5_package(slug):
    return CMI5 + slug


CATEGORIES = [
    (
        "programming",
        "Programming",
        "Learn to write software, from first steps to APIs.",
    ),
    ("data", "Data and analytics", "Ask questions of data and answer them clearly."),
    (
        "writing",
        "Writing and communication",
        "Write so that people understand and act.",
    ),
]

USERS = [
    {
        "username": "admin",
        "email": "admin@example.com",
        "first_name": "Amara",
        "last_name": "Nwosu",
        "role": "admin",
    },
    {
        "username": "instructor",
        "email": "instructor@example.com",
        "first_name": "Daniel",
        "last_name": "Okafor",
        "role": "instructor",
        "bio": (
            "Daniel has taught programming and data analysis for twelve years, "
            "first to engineers at a Lagos bank and now to anyone who wants to "
            "turn a spreadsheet habit into real skills. He writes short lessons "
            "that end with something you can run."
        ),
    },
    {
        "username": "student",
        "email": "student@example.com",
        "first_name": "Sam",
        "last_name": "Rivera",
        "role": "student",
    },
    {
        "username": "manager",
        "email": "manager@example.com",
        "first_name": "Nomsa",
        "last_name": "Dlamini",
        "role": "manager",
    },
]

# An organisation the demo manager runs: seats in the SQL course given to
# some of the demo learners, one of them overdue.
ORGANISATION = {
    "name": "Northwind Logistics",
    "slug": "northwind",
    "domains": "northwind.example",
    "tax_number": "ZA4012345678",
    "billing_address": "12 Dock Road\nCape Town 8001\nSouth Africa",
    "course": "data-analysis-with-sql",
    "seats": 10,
    # (demo learner number, due in days: negative is overdue)
    "seats_given": [(1, 21), (2, -4), (3, 10), (4, None)],
    "invited": ["new.hire@northwind.example"],
}

# The demo student's enrolment and the lessons they have already finished.
STUDENT_COURSE = "python-for-beginners"
STUDENT_COMPLETED_LESSONS = ["welcome", "installing-python"]

HOME = {
    "title": "Home",
    "hero_heading": "Learn skills you can use on Monday morning",
    "hero_text": (
        "Short, practical courses written by working professionals. Watch, read, "
        "practise and get a certificate anyone can verify."
    ),
    "hero_cta_text": "Browse courses",
    "body": (
        "<h2>How it works</h2><ul><li>Pick a course and start with a free lesson."
        "</li><li>Learn at your pace: your progress is saved after every lesson.</li>"
        "<li>Finish the course and download your certificate.</li></ul>"
    ),
}

CATALOGUE = {
    "title": "Courses",
    "slug": "courses",
    "intro": "<p>Every course starts with a free lesson, so you can see how it "
    "is taught before you commit.</p>",
}


def _mc(prompt, options, *, points=1, explanation="", multiple=False, partial=False):
    value = {
        "prompt": prompt,
        "points": points,
        "explanation": explanation,
        "options": [{"text": text, "correct": correct} for text, correct in options],
    }
    if multiple:
        value["partial_credit"] = partial
        return ("multiple_choice", value)
    return ("single_choice", value)


def _tf(prompt, answer, explanation=""):
    return (
        "true_false",
        {
            "prompt": prompt,
            "points": 1,
            "explanation": explanation,
            "correct_answer": "true" if answer else "false",
        },
    )


def _short(prompt, answers, explanation=""):
    return (
        "short_text",
        {
            "prompt": prompt,
            "points": 1,
            "explanation": explanation,
            "accepted_answers": answers,
        },
    )


def _number(prompt, answer, tolerance="0", explanation=""):
    return (
        "numeric",
        {
            "prompt": prompt,
            "points": 2,
            "explanation": explanation,
            "answer": answer,
            "tolerance": tolerance,
        },
    )


PYTHON_COURSE = {
    "slug": "python-for-beginners",
    "title": "Python for Complete Beginners",
    "summary": (
        "Write your first real programs in Python: variables, decisions, loops "
        "and lists, one small step at a time."
    ),
    "description": (
        "<p>This course is for people who have never programmed. You will install "
        "Python, write programs that make decisions and repeat work, and finish "
        "by building a small tool that tidies a shopping list.</p><p>Every lesson "
        "is short and ends with something you can run yourself.</p>"
    ),
    "category": "programming",
    "difficulty": "beginner",
    "language": "en",
    "pricing_type": "free",
    "price": 0,
    "currency": "USD",
    "sequential": True,
    "colours": ("#1f5f8b", "#4fa3d1"),
    "outcomes": [
        "Install Python and run a program from the terminal",
        "Store and change information with variables",
        "Make decisions with if, elif and else",
        "Repeat work with for loops over lists",
        "Read and fix the most common error messages",
    ],
    "handout": {
        "title": "Python cheat sheet for beginners",
        "html": (
            "<h1>Python cheat sheet</h1><h2>Variables</h2><p>name = 'Ada' stores "
            "text; age = 36 stores a whole number.</p><h2>Decisions</h2><p>if age "
            "&gt;= 18: print('adult') else: print('minor')</p><h2>Loops</h2><p>for "
            "item in ['tea', 'milk']: print(item)</p><h2>Lists</h2><p>items.append"
            "('bread') adds to the end; len(items) counts them.</p>"
        ),
    },
    "tool_topic": "python",
    "sections": [
        {
            "slug": "getting-started",
            "title": "Getting started",
            "summary": "Install Python and run your first line of code.",
            "lessons": [
                {
                    "slug": "welcome",
                    "title": "Welcome: what you will build",
                    "summary": "A tour of the course and the shopping-list tool "
                    "you will have built by the end.",
                    "minutes": 6,
                    "free_preview": True,
                    "body": [
                        (
                            "video",
                            {
                                "title": "Welcome to the course",
                                "file": video("python-welcome"),
                                "captions": captions("python-welcome"),
                                "transcript": transcript("python-welcome"),
                                "required_watch_percentage": 80,
                            },
                        ),
                        (
                            "rich_text",
                            {
                                "content": (
                                    "<h2>How this course works</h2><p>Each lesson "
                                    "takes ten minutes or less. Lessons open in "
                                    "order, so finish one to unlock the next.</p>"
                                    "<p>You need a computer with Windows, macOS or "
                                    "Linux. No earlier experience is needed.</p>"
                                )
                            },
                        ),
                        (
                            "video",
                            {
                                "title": "Optional: a longer tour of Python",
                                "url": "https://www.youtube.com/watch?v=kqtD5dpn9C8",
                                "transcript": (
                                    "A longer introduction to what Python is used "
                                    "for, hosted on YouTube. Watching it is not "
                                    "needed to finish the lesson."
                                ),
                                "required_watch_percentage": 0,
                            },
                        ),
                    ],
                },
                {
                    "slug": "installing-python",
                    "title": "Installing Python",
                    "summary": "Get Python 3 on your computer and check it works.",
                    "minutes": 12,
                    "body": [
                        (
                            "markdown",
                            {
                                "markdown": (
                                    "## Install Python 3\n\n1. Go to python.org and "
                                    "download the latest Python 3 release.\n2. On "
                                    "Windows, tick **Add python.exe to PATH** before "
                                    "you click *Install Now*.\n3. Open a terminal "
                                    "and check the version:\n\n```\npython3 "
                                    "--version\n```\n\nYou should see `Python 3.x`. "
                                    "If you see *command not found*, restart the "
                                    "terminal and try again."
                                )
                            },
                        ),
                        (
                            "pdf",
                            {
                                "document": HANDOUT,
                                "description": "Keep this cheat sheet open while "
                                "you work through the course.",
                                "height": 640,
                            },
                        ),
                    ],
                },
                {
                    "slug": "your-first-program",
                    "title": "Your first program",
                    "summary": "Print a message, then ask for a name and greet it.",
                    "minutes": 10,
                    "body": [
                        (
                            "rich_text",
                            {
                                "content": (
                                    "<p>A program is a list of instructions that "
                                    "Python runs from top to bottom. Save the code "
                                    "below as <code>hello.py</code> and run it with "
                                    "<code>python3 hello.py</code>.</p>"
                                )
                            },
                        ),
                        (
                            "code",
                            {
                                "language": "python",
                                "caption": "hello.py",
                                "code": (
                                    'name = input("What is your name? ")\n'
                                    'print(f"Hello, {name}! Welcome to Python.")\n'
                                ),
                            },
                        ),
                    ],
                },
            ],
        },
        {
            "slug": "working-with-data",
            "title": "Working with data",
            "summary": "Variables, lists and loops: the tools of every program.",
            "lessons": [
                {
                    "slug": "lists-and-loops",
                    "title": "Lists and loops",
                    "summary": "Keep many values in a list and work through them.",
                    "minutes": 15,
                    "body": [
                        (
                            "markdown",
                            {
                                "markdown": (
                                    "A **list** keeps values in order. A **for "
                                    "loop** runs the same lines once for each "
                                    "value.\n\n| Code | Result |\n|---|---|\n| "
                                    "`len(items)` | how many items |\n| "
                                    "`items.append(x)` | add x at the end |\n| "
                                    "`sorted(items)` | a sorted copy |"
                                )
                            },
                        ),
                        (
                            "code",
                            {
                                "language": "python",
                                "caption": "shopping.py",
                                "code": (
                                    'items = ["milk", "Bread", "eggs", "milk"]\n'
                                    "unique = sorted({item.lower() for item in "
                                    "items})\nfor item in unique:\n"
                                    '    print("-", item)\n'
                                ),
                            },
                        ),
                    ],
                },
                {
                    "slug": "practice-lists",
                    "title": "Practice: lists in action",
                    "summary": "Try list exercises in an interactive activity and "
                    "with the practice tutor.",
                    "minutes": 15,
                    "body": [
                        (
                            "h5p",
                            {
                                "title": "Put the steps of a loop in order",
                                "package": activity("python-loop-steps"),
                                "completion_rule": "passed",
                                "minimum_score": 50,
                                "height": 420,
                            },
                        ),
                        (
                            "scorm",
                            {
                                "title": "Which value is it?",
                                "package": scorm_package("python-values"),
                                "completion_rule": "passed",
                                "minimum_score": 0,
                                "height": 400,
                            },
                        ),
                        (
                            "cmi5",
                            {
                                "title": "Habits of readable Python",
                                "package": cmi5_package("python-habits"),
                                "height": 420,
                            },
                        ),
                        (
                            "ai_tool",
                            {
                                "title": "Practice with the tutor",
                                "tool_url": TOOL_URL,
                                "parameters": '{"topic": "python"}',
                                "height": 460,
                            },
                        ),
                    ],
                },
                {
                    "slug": "check-your-understanding",
                    "title": "Check your understanding",
                    "summary": "Eight minutes of questions on everything so far.",
                    "minutes": 8,
                    "prerequisites": ["lists-and-loops"],
                    "body": [
                        (
                            "quiz",
                            {
                                "title": "Python basics quiz",
                                "intro": "Answer at least 70% correctly to pass. "
                                "You have three attempts.",
                                "pass_mark": 70,
                                "max_attempts": 3,
                                "time_limit_minutes": 15,
                                "shuffle_questions": True,
                                "shuffle_options": True,
                                "feedback_mode": "immediate",
                                "questions": [
                                    _mc(
                                        "What does print(len(['a', 'b', 'c'])) show?",
                                        [("2", False), ("3", True), ("abc", False)],
                                        explanation="len counts the items: three.",
                                    ),
                                    _mc(
                                        "Which of these are valid variable names?",
                                        [
                                            ("total_price", True),
                                            ("2nd_place", False),
                                            ("userName", True),
                                        ],
                                        multiple=True,
                                        partial=True,
                                        explanation="Names cannot start with a digit.",
                                    ),
                                    _tf(
                                        "Python runs the lines of a file from top "
                                        "to bottom.",
                                        True,
                                    ),
                                    _short(
                                        "Which keyword starts a loop over a list?",
                                        ["for"],
                                    ),
                                    _number(
                                        "What is 7 / 2 in Python 3?",
                                        "3.5",
                                        explanation="/ always gives a decimal.",
                                    ),
                                ],
                            },
                        )
                    ],
                },
                {
                    "slug": "mini-project",
                    "title": "Mini project: tidy a shopping list",
                    "summary": "Put it all together in a program you hand in.",
                    "minutes": 30,
                    "prerequisites": ["check-your-understanding"],
                    "body": [
                        (
                            "assignment",
                            {
                                "title": "Tidy a shopping list",
                                "instructions": (
                                    "<p>Write <code>tidy.py</code>: it reads a "
                                    "list of items, removes duplicates regardless "
                                    "of case, sorts them and prints them numbered."
                                    "</p><ul><li>Hand in the .py file.</li><li>Add "
                                    "a comment that explains each step.</li></ul>"
                                ),
                                "max_score": 20,
                                "pass_score": 12,
                                "allowed_file_types": ["py", "txt"],
                                "max_file_size_mb": 1,
                                "due_days_after_enrolment": 14,
                                "allow_resubmission": True,
                                "rubric": [
                                    {
                                        "title": "It works",
                                        "description": "Duplicates removed, sorted, "
                                        "numbered.",
                                        "points": 12,
                                    },
                                    {
                                        "title": "It reads well",
                                        "description": "Clear names and comments.",
                                        "points": 8,
                                    },
                                ],
                            },
                        )
                    ],
                },
            ],
        },
    ],
}

SQL_COURSE = {
    "slug": "data-analysis-with-sql",
    "title": "Data Analysis with SQL",
    "summary": (
        "Answer real business questions with SQL: filter, join, group and "
        "present the numbers that matter."
    ),
    "description": (
        "<p>Spreadsheets stop scaling long before your questions do. In this "
        "course you will query a small online shop's database to find the best "
        "customers, the slow months and the products that sell together.</p>"
        "<p>You should be comfortable with spreadsheets; no programming is "
        "needed.</p>"
    ),
    "category": "data",
    "difficulty": "intermediate",
    "language": "en",
    "pricing_type": "paid",
    "price": 4900,
    "currency": "USD",
    "sequential": False,
    "colours": ("#2d6a4f", "#74c69d"),
    "outcomes": [
        "Filter and sort rows with SELECT, WHERE and ORDER BY",
        "Combine tables with inner and left joins",
        "Summarise data with GROUP BY and aggregate functions",
        "Spot and avoid the double-counting trap in joins",
    ],
    "handout": {
        "title": "SQL query patterns",
        "html": (
            "<h1>SQL query patterns</h1><h2>Filter</h2><p>SELECT * FROM orders "
            "WHERE total &gt; 100 ORDER BY created_at DESC;</p><h2>Join</h2><p>"
            "SELECT c.name, o.total FROM customers c JOIN orders o ON o.customer_id"
            " = c.id;</p><h2>Group</h2><p>SELECT status, COUNT(*) FROM orders GROUP"
            " BY status;</p>"
        ),
    },
    "tool_topic": "sql",
    "sections": [
        {
            "slug": "asking-questions",
            "title": "Asking questions of data",
            "summary": "SELECT, WHERE and ORDER BY on one table.",
            "lessons": [
                {
                    "slug": "why-sql",
                    "title": "Why analysts use SQL",
                    "summary": "What SQL is good at, and the shop database we use.",
                    "minutes": 8,
                    "free_preview": True,
                    "body": [
                        (
                            "video",
                            {
                                "title": "Meet the shop database",
                                "file": video("sql-shop-database"),
                                "captions": captions("sql-shop-database"),
                                "transcript": transcript("sql-shop-database"),
                                "required_watch_percentage": 90,
                            },
                        ),
                        (
                            "rich_text",
                            {
                                "content": (
                                    "<h2>The three tables</h2><ul><li><b>customers"
                                    "</b>: who buys</li><li><b>orders</b>: what "
                                    "they paid and when</li><li><b>products</b>: "
                                    "what we sell</li></ul>"
                                )
                            },
                        ),
                    ],
                },
                {
                    "slug": "filtering-rows",
                    "title": "Filtering and sorting rows",
                    "summary": "Find exactly the rows you need, in the order you "
                    "need them.",
                    "minutes": 14,
                    "body": [
                        (
                            "markdown",
                            {
                                "markdown": (
                                    "`WHERE` keeps the rows that match a condition; "
                                    "`ORDER BY` sorts what is left.\n\n- Combine "
                                    "conditions with `AND` and `OR`.\n- Use `IS "
                                    "NULL`, never `= NULL`."
                                )
                            },
                        ),
                        (
                            "code",
                            {
                                "language": "sql",
                                "caption": "Orders over $100 this year",
                                "code": (
                                    "SELECT id, customer_id, total\nFROM orders\n"
                                    "WHERE total > 100\n  AND created_at >= "
                                    "'2026-01-01'\nORDER BY total DESC;\n"
                                ),
                            },
                        ),
                        (
                            "scorm",
                            {
                                "title": "Which clause does it?",
                                "package": scorm_package("sql-clauses"),
                                "completion_rule": "passed",
                                "minimum_score": 0,
                                "height": 400,
                            },
                        ),
                        (
                            "cmi5",
                            {
                                "title": "Habits of careful queries",
                                "package": cmi5_package("sql-habits"),
                                "height": 420,
                            },
                        ),
                    ],
                },
                {
                    "slug": "query-patterns",
                    "title": "Query patterns to keep",
                    "summary": "A one-page reference of the patterns in this course.",
                    "minutes": 6,
                    "body": [
                        (
                            "pdf",
                            {
                                "document": HANDOUT,
                                "description": "Print it or keep it open in a tab.",
                                "height": 640,
                            },
                        )
                    ],
                },
            ],
        },
        {
            "slug": "joins-and-groups",
            "title": "Joins and groups",
            "summary": "Combine tables and summarise them.",
            "lessons": [
                {
                    "slug": "joining-tables",
                    "title": "Joining tables",
                    "summary": "Inner and left joins, and when each is right.",
                    "minutes": 18,
                    "body": [
                        (
                            "rich_text",
                            {
                                "content": (
                                    "<p>An <b>inner join</b> keeps customers who "
                                    "have orders; a <b>left join</b> keeps every "
                                    "customer, with empty order columns for those "
                                    "who never bought.</p>"
                                )
                            },
                        ),
                        (
                            "code",
                            {
                                "language": "sql",
                                "caption": "Customers and how much they spent",
                                "code": (
                                    "SELECT c.name, COALESCE(SUM(o.total), 0) AS "
                                    "spent\nFROM customers c\nLEFT JOIN orders o ON "
                                    "o.customer_id = c.id\nGROUP BY c.name\nORDER "
                                    "BY spent DESC;\n"
                                ),
                            },
                        ),
                        (
                            "h5p",
                            {
                                "title": "Match each join to its result",
                                "package": activity("sql-joins"),
                                "completion_rule": "passed",
                                "minimum_score": 50,
                                "height": 420,
                            },
                        ),
                    ],
                },
                {
                    "slug": "joins-quiz",
                    "title": "Quiz: joins and groups",
                    "summary": "Test yourself before the case study.",
                    "minutes": 10,
                    "prerequisites": ["joining-tables"],
                    "body": [
                        (
                            "quiz",
                            {
                                "title": "Joins and groups",
                                "intro": "",
                                "pass_mark": 60,
                                "max_attempts": 0,
                                "time_limit_minutes": 0,
                                "shuffle_questions": False,
                                "shuffle_options": True,
                                "feedback_mode": "score_only",
                                "questions": [
                                    _mc(
                                        "Which join keeps customers with no orders?",
                                        [
                                            ("INNER JOIN", False),
                                            ("LEFT JOIN from customers", True),
                                        ],
                                    ),
                                    _tf("COUNT(*) counts rows including NULLs.", True),
                                    _short(
                                        "Which clause filters groups after "
                                        "aggregation?",
                                        ["HAVING"],
                                    ),
                                    _number(
                                        "Orders of 10, 20 and 30: what is AVG(total)?",
                                        "20",
                                    ),
                                ],
                            },
                        ),
                        (
                            "ai_tool",
                            {
                                "title": "Practise writing queries",
                                "tool_url": TOOL_URL,
                                "parameters": '{"topic": "sql"}',
                                "height": 460,
                            },
                        ),
                    ],
                },
                {
                    "slug": "case-study",
                    "title": "Case study: the best month",
                    "summary": "Find the shop's best month and explain why.",
                    "minutes": 40,
                    "body": [
                        (
                            "assignment",
                            {
                                "title": "Which month sold best, and why?",
                                "instructions": (
                                    "<p>Write the queries that find the month with "
                                    "the highest revenue and the three products "
                                    "that drove it. Hand in your SQL and a short "
                                    "note with your conclusion.</p>"
                                ),
                                "max_score": 100,
                                "pass_score": 60,
                                "allowed_file_types": ["pdf", "txt", "md"],
                                "max_file_size_mb": 5,
                                "due_days_after_enrolment": 21,
                                "allow_resubmission": True,
                                "rubric": [
                                    {
                                        "title": "Correct queries",
                                        "description": "Right answer, no double "
                                        "counting.",
                                        "points": 60,
                                    },
                                    {
                                        "title": "Clear conclusion",
                                        "description": "A manager could act on it.",
                                        "points": 40,
                                    },
                                ],
                            },
                        )
                    ],
                },
            ],
        },
    ],
}

WRITING_COURSE = {
    "slug": "writing-for-the-web",
    "title": "Writing for the Web",
    "summary": (
        "Write pages people actually read: plain words, clear structure and "
        "headings that answer the reader's question."
    ),
    "description": (
        "<p>People scan web pages; they do not read them line by line. This "
        "course shows you how to write for scanners without dumbing anything "
        "down, with before-and-after rewrites of real pages.</p>"
    ),
    "category": "writing",
    "difficulty": "all",
    "language": "en",
    "pricing_type": "subscription",
    "price": 0,
    "currency": "USD",
    "sequential": False,
    # Runs in cohorts: one under way that still takes learners, the next
    # one later (days are counted from the day the demo is seeded).
    "cohorts": [
        {
            "name": "Autumn writing circle",
            "starts": -30,
            "closes": 30,
            "ends": 60,
            "seats": 60,
        },
        {
            "name": "Spring writing circle",
            "starts": 120,
            "closes": 127,
            "ends": 210,
            "seats": 25,
        },
    ],
    "colours": ("#8c3b1a", "#e9a46a"),
    "outcomes": [
        "Put the most important point first",
        "Write headings that work as a table of contents",
        "Replace jargon with words your readers use",
        "Check a page with a five-minute readability review",
    ],
    "handout": {
        "title": "Plain language checklist",
        "html": (
            "<h1>Plain language checklist</h1><ul><li>Is the main point in the "
            "first two sentences?</li><li>Could a reader act on each heading "
            "alone?</li><li>Are sentences under 25 words on average?</li><li>Did "
            "you use 'you' and the active voice?</li><li>Is every acronym "
            "spelled out on first use?</li></ul>"
        ),
    },
    "tool_topic": "writing",
    "sections": [
        {
            "slug": "how-people-read",
            "title": "How people read online",
            "summary": "What eye-tracking studies tell us about scanning.",
            "lessons": [
                {
                    "slug": "scanning-not-reading",
                    "title": "Scanning, not reading",
                    "summary": "Why readers skim, and the F-shaped pattern.",
                    "minutes": 7,
                    "free_preview": True,
                    "body": [
                        (
                            "video",
                            {
                                "title": "How readers scan a page",
                                "file": video("writing-scanning"),
                                "captions": captions("writing-scanning"),
                                "transcript": transcript("writing-scanning"),
                                "required_watch_percentage": 75,
                            },
                        ),
                        (
                            "markdown",
                            {
                                "markdown": (
                                    "### Three habits of scanners\n\n1. They read "
                                    "headings first.\n2. They read the first words "
                                    "of each paragraph.\n3. They stop once they "
                                    "have an answer."
                                )
                            },
                        ),
                    ],
                },
                {
                    "slug": "front-load",
                    "title": "Put the point first",
                    "summary": "The inverted pyramid for web pages.",
                    "minutes": 10,
                    "body": [
                        (
                            "rich_text",
                            {
                                "content": (
                                    "<h2>Before</h2><p>Following a review of our "
                                    "processes, and in line with feedback, we have "
                                    "decided that, from 1 March, opening hours will "
                                    "change.</p><h2>After</h2><p>From 1 March we "
                                    "open at 8am, an hour earlier.</p>"
                                )
                            },
                        ),
                        (
                            "pdf",
                            {
                                "document": HANDOUT,
                                "description": "Use the checklist on your next page.",
                                "height": 600,
                            },
                        ),
                    ],
                },
            ],
        },
        {
            "slug": "rewriting",
            "title": "Rewriting real pages",
            "summary": "Practise on pages that need help.",
            "lessons": [
                {
                    "slug": "headings-that-work",
                    "title": "Headings that work",
                    "summary": "Turn labels into questions and answers.",
                    "minutes": 12,
                    "body": [
                        (
                            "code",
                            {
                                "language": "html",
                                "caption": "Headings as a table of contents",
                                "code": (
                                    "<h1>Renew your passport</h1>\n<h2>What you "
                                    "need</h2>\n<h2>How long it takes</h2>\n<h2>How "
                                    "much it costs</h2>\n"
                                ),
                            },
                        ),
                        (
                            "h5p",
                            {
                                "title": "Pick the clearer heading",
                                "package": activity("writing-headings"),
                                "completion_rule": "passed",
                                "minimum_score": 50,
                                "height": 420,
                            },
                        ),
                        (
                            "scorm",
                            {
                                "title": "Spot the sentence that puts the point first",
                                "package": scorm_package("front-load"),
                                "completion_rule": "passed",
                                "minimum_score": 0,
                                "height": 400,
                            },
                        ),
                        (
                            "cmi5",
                            {
                                "title": "A checklist for plain writing",
                                "package": cmi5_package("plain-checklist"),
                                "height": 420,
                            },
                        ),
                        (
                            "ai_tool",
                            {
                                "title": "Rewrite with the writing coach",
                                "tool_url": TOOL_URL,
                                "parameters": '{"topic": "writing"}',
                                "height": 460,
                            },
                        ),
                    ],
                },
                {
                    "slug": "writing-quiz",
                    "title": "Quiz: plain language",
                    "summary": "Five questions on what you have learnt.",
                    "minutes": 8,
                    "body": [
                        (
                            "quiz",
                            {
                                "title": "Plain language quiz",
                                "intro": "Results appear once your instructor "
                                "releases them.",
                                "pass_mark": 80,
                                "max_attempts": 2,
                                "time_limit_minutes": 10,
                                "shuffle_questions": True,
                                "shuffle_options": False,
                                "feedback_mode": "on_release",
                                "questions": [
                                    _mc(
                                        "Where should the main point of a page go?",
                                        [
                                            ("In the first two sentences", True),
                                            ("In the conclusion", False),
                                            ("In a sidebar", False),
                                        ],
                                    ),
                                    _tf(
                                        "Passive voice makes instructions clearer.",
                                        False,
                                    ),
                                    _short(
                                        "What reading pattern did the eye-tracking "
                                        "lesson describe? (one letter)",
                                        ["F", "F-shaped", "F pattern"],
                                    ),
                                    _number(
                                        "Aim for an average sentence length under "
                                        "how many words?",
                                        "25",
                                        tolerance="5",
                                    ),
                                ],
                            },
                        )
                    ],
                },
                {
                    "slug": "rewrite-a-page",
                    "title": "Assignment: rewrite a page",
                    "summary": "Rewrite a real page and explain your choices.",
                    "minutes": 45,
                    "prerequisites": ["headings-that-work"],
                    "body": [
                        (
                            "assignment",
                            {
                                "title": "Rewrite a page from your organisation",
                                "instructions": (
                                    "<p>Choose a page of up to 500 words. Hand in "
                                    "the original, your rewrite, and three "
                                    "sentences on what you changed and why.</p>"
                                ),
                                "max_score": 10,
                                "pass_score": 7,
                                "allowed_file_types": ["pdf", "docx", "odt"],
                                "max_file_size_mb": 10,
                                "due_days_after_enrolment": 30,
                                "allow_resubmission": False,
                                "rubric": [],
                            },
                        )
                    ],
                },
            ],
        },
    ],
}

COURSES = [PYTHON_COURSE, SQL_COURSE, WRITING_COURSE]

# A programme: two courses in order, sold together below their separate price.
PROGRAMME = {
    "title": "Data Analyst Starter",
    "slug": "data-analyst-starter",
    "summary": (
        "From your first line of Python to answering questions with SQL: two "
        "courses in order, one certificate at the end."
    ),
    "description": (
        "<p>Start with Python's basics, then query real data with SQL. Take "
        "the courses in order; when both are complete you receive a "
        "certificate for the whole programme.</p>"
    ),
    "courses": ["python-for-beginners", "data-analysis-with-sql"],
    "pricing_type": "paid",
    "price": 3900,
    "currency": "USD",
}

# Commerce: plans for the "included in subscription" course, and a coupon.
PLANS = [
    {
        "name": "Monthly",
        "interval": "month",
        "price": 1500,
        "currency": "USD",
        "description": "Every included course, billed monthly.",
    },
    {
        "name": "Annual",
        "interval": "year",
        "price": 15000,
        "currency": "USD",
        "description": "Two months free: every included course for a year.",
    },
]
COUPONS = [
    {"code": "WELCOME20", "kind": "percent", "percent_off": 20, "max_uses": 100},
]


LEGAL = [
    {
        "title": "Privacy notice",
        "slug": "privacy",
        "intro": "What this site keeps about you, why, and what you can ask for.",
        "body": (
            "<h2>What we keep</h2><ul><li>Your account: name, e-mail address, "
            "password (only as a hash), time zone and e-mail choices.</li>"
            "<li>Your learning: enrolments, progress, time spent, quiz attempts, "
            "assignments you hand in and certificates.</li><li>Purchases: orders, "
            "invoices and refunds. Card details stay with the payment provider."
            "</li></ul><h2>Why</h2><p>To run your courses, show your progress, "
            "issue certificates anyone can check, and keep the invoices tax law "
            "asks for.</p><h2>Who sees it</h2><p>You; the instructors of the "
            "courses you take (your progress and work in their courses); the "
            "site's staff. Certificates show your name, never your e-mail "
            "address.</p><h2>Your rights</h2><p>Write to the contact address in "
            "the footer to get a copy of your data, correct it or have your "
            "account removed. Invoices are kept as long as tax law requires, "
            "without more of your details than it needs.</p>"
        ),
    },
    {
        "title": "Terms of use",
        "slug": "terms",
        "intro": "The rules of using this site, in plain words.",
        "body": (
            "<h2>Your account</h2><p>Keep your password to yourself; you are "
            "responsible for what is done with your account.</p><h2>Courses"
            "</h2><p>A course you enrol in stays open to you while the site runs "
            "it; a course included in a subscription stays open while the "
            "subscription is paid.</p><h2>Payments and refunds</h2><p>Prices "
            "are shown before you pay, taxes included where the site says so. "
            "Ask the contact address for a refund; a refunded course closes.</p>"
            "<h2>Your work</h2><p>What you hand in stays yours; the course's "
            "instructor may read and grade it.</p><h2>Certificates</h2><p>A "
            "certificate says you completed a course. Anyone with its code can "
            "check it; staff may revoke one given in error.</p>"
        ),
    },
]
