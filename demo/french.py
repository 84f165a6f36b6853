"""The French translation of the demo's home page, catalogue and "Python for
Complete Beginners", as a translator gives it in wagtail-localize: each
source string and its French. Slugs, code and tool settings stay as they are."""

HOME = {
    "Home": "Accueil",
    "Learn skills you can use on Monday morning": (
        "Apprenez des compétences utiles dès lundi matin"
    ),
    "Short, practical courses written by working professionals. Watch, read, "
    "practise and get a certificate anyone can verify.": (
        "Des cours courts et pratiques écrits par des professionnels en activité. "
        "Regardez, lisez, exercez-vous et obtenez un certificat que chacun peut "
        "vérifier."
    ),
    "Browse courses": "Parcourir les cours",
    "How it works": "Comment ça marche",
    "Pick a course and start with a free lesson.": (
        "Choisissez un cours et commencez par une leçon gratuite."
    ),
    "Learn at your pace: your progress is saved after every lesson.": (
        "Apprenez à votre rythme : votre progression est enregistrée après "
        "chaque leçon."
    ),
    "Finish the course and download your certificate.": (
        "Terminez le cours et téléchargez votre certificat."
    ),
}

CATALOGUE = {
    "Courses": "Cours",
    "Every course starts with a free lesson, so you can see how it is taught "
    "before you commit.": (
        "Chaque cours commence par une leçon gratuite : vous voyez comment il "
        "est enseigné avant de vous engager."
    ),
}

PYTHON_COURSE = {
    "Python for Complete Beginners": "Python pour grands débutants",
    "Write your first real programs in Python: variables, decisions, loops and "
    "lists, one small step at a time.": (
        "Écrivez vos premiers vrais programmes en Python : variables, décisions, "
        "boucles et listes, un petit pas à la fois."
    ),
    "This course is for people who have never programmed. You will install "
    "Python, write programs that make decisions and repeat work, and finish by "
    "building a small tool that tidies a shopping list.": (
        "Ce cours s’adresse à celles et ceux qui n’ont jamais programmé. Vous "
        "installerez Python, écrirez des programmes qui prennent des décisions et "
        "répètent un travail, et terminerez en construisant un petit outil qui "
        "met de l’ordre dans une liste de courses."
    ),
    "Every lesson is short and ends with something you can run yourself.": (
        "Chaque leçon est courte et se termine par quelque chose que vous pouvez "
        "exécuter vous-même."
    ),
    "Install Python and run a program from the terminal": (
        "Installer Python et lancer un programme depuis le terminal"
    ),
    "Store and change information with variables": (
        "Stocker et modifier des informations avec des variables"
    ),
    "Make decisions with if, elif and else": (
        "Prendre des décisions avec if, elif et else"
    ),
    "Repeat work with for loops over lists": (
        "Répéter un travail avec des boucles for sur des listes"
    ),
    "Read and fix the most common error messages": (
        "Lire et corriger les messages d’erreur les plus courants"
    ),
    "Getting started": "Premiers pas",
    "Install Python and run your first line of code.": (
        "Installez Python et exécutez votre première ligne de code."
    ),
    "Welcome: what you will build": "Bienvenue : ce que vous allez construire",
    "A tour of the course and the shopping-list tool you will have built by the end.": (
        "Un tour du cours et de l’outil de liste de courses que vous aurez "
        "construit à la fin."
    ),
    "Welcome to the course": "Bienvenue dans le cours",
    "Hello and welcome to Python for beginners. You will learn Python by writing "
    "small programs that do useful things. Each lesson takes ten minutes or "
    "less, and they open in order. By the end you will have a tool that tidies "
    "a shopping list. Let's install Python and write some code.": (
        "Bonjour et bienvenue dans Python pour débutants. Vous apprendrez Python "
        "en écrivant de petits programmes qui font des choses utiles. Chaque "
        "leçon prend dix minutes ou moins, et elles s’ouvrent dans l’ordre. À la "
        "fin, vous aurez un outil qui met de l’ordre dans une liste de courses. "
        "Installons Python et écrivons du code."
    ),
    "How this course works": "Comment fonctionne ce cours",
    "Each lesson takes ten minutes or less. Lessons open in order, so finish one "
    "to unlock the next.": (
        "Chaque leçon prend dix minutes ou moins. Les leçons s’ouvrent dans "
        "l’ordre : terminez-en une pour débloquer la suivante."
    ),
    "You need a computer with Windows, macOS or Linux. No earlier experience is "
    "needed.": (
        "Il vous faut un ordinateur sous Windows, macOS ou Linux. Aucune "
        "expérience préalable n’est nécessaire."
    ),
    "Optional: a longer tour of Python": "Facultatif : un tour plus long de Python",
    "A longer introduction to what Python is used for, hosted on YouTube. "
    "Watching it is not needed to finish the lesson.": (
        "Une introduction plus longue aux usages de Python, hébergée sur "
        "YouTube. La regarder n’est pas nécessaire pour terminer la leçon."
    ),
    "Installing Python": "Installer Python",
    "Get Python 3 on your computer and check it works.": (
        "Installez Python 3 sur votre ordinateur et vérifiez qu’il fonctionne."
    ),
    "## Install Python 3<br/><br/>1. Go to python.org and download the latest "
    "Python 3 release.<br/>2. On Windows, tick **Add python.exe to PATH** before "
    "you click *Install Now*.<br/>3. Open a terminal and check the version:"
    "<br/><br/>```<br/>python3 --version<br/>```<br/><br/>You should see "
    "`Python 3.x`. If you see *command not found*, restart the terminal and try "
    "again.": (
        "## Installer Python 3<br/><br/>1. Allez sur python.org et téléchargez la "
        "dernière version de Python 3.<br/>2. Sous Windows, cochez **Add "
        "python.exe to PATH** avant de cliquer sur *Install Now*.<br/>3. Ouvrez "
        "un terminal et vérifiez la version :<br/><br/>```<br/>python3 --version"
        "<br/>```<br/><br/>Vous devriez voir `Python 3.x`. Si vous voyez "
        "*command not found*, redémarrez le terminal et réessayez."
    ),
    "Keep this cheat sheet open while you work through the course.": (
        "Gardez cet aide-mémoire ouvert pendant que vous suivez le cours."
    ),
    "Your first program": "Votre premier programme",
    "Print a message, then ask for a name and greet it.": (
        "Affichez un message, puis demandez un prénom et saluez-le."
    ),
    "A program is a list of instructions that Python runs from top to bottom. "
    "Save the code below as <code>hello.py</code> and run it with "
    "<code>python3 hello.py</code>.": (
        "Un programme est une liste d’instructions que Python exécute de haut en "
        "bas. Enregistrez le code ci-dessous sous <code>hello.py</code> et "
        "lancez-le avec <code>python3 hello.py</code>."
    ),
    "Working with data": "Travailler avec des données",
    "Variables, lists and loops: the tools of every program.": (
        "Variables, listes et boucles : les outils de tout programme."
    ),
    "Lists and loops": "Listes et boucles",
    "Keep many values in a list and work through them.": (
        "Rangez plusieurs valeurs dans une liste et parcourez-les."
    ),
    "A **list** keeps values in order. A **for loop** runs the same lines once "
    "for each value.<br/><br/>| Code | Result |<br/>|---|---|<br/>| `len(items)` "
    "| how many items |<br/>| `items.append(x)` | add x at the end |<br/>| "
    "`sorted(items)` | a sorted copy |": (
        "Une **liste** garde des valeurs dans l’ordre. Une **boucle for** exécute "
        "les mêmes lignes une fois pour chaque valeur.<br/><br/>| Code | Résultat "
        "|<br/>|---|---|<br/>| `len(items)` | le nombre d’éléments |<br/>| "
        "`items.append(x)` | ajoute x à la fin |<br/>| `sorted(items)` | une "
        "copie triée |"
    ),
    "Practice: lists in action": "Exercice : les listes en action",
    "Try list exercises in an interactive activity and with the practice tutor.": (
        "Faites des exercices sur les listes dans une activité interactive et "
        "avec le tuteur d’entraînement."
    ),
    "Put the steps of a loop in order": "Remettez les étapes d’une boucle dans l’ordre",
    "Which value is it?": "Quelle est la valeur ?",
    "Habits of readable Python": "Les bonnes habitudes d’un Python lisible",
    "Practice with the tutor": "S’entraîner avec le tuteur",
    "Check your understanding": "Vérifiez votre compréhension",
    "Eight minutes of questions on everything so far.": (
        "Huit minutes de questions sur tout ce que vous avez vu."
    ),
    "Python basics quiz": "Quiz sur les bases de Python",
    "Answer at least 70% correctly to pass. You have three attempts.": (
        "Répondez juste à au moins 70 % pour réussir. Vous avez trois tentatives."
    ),
    "What does print(len(['a', 'b', 'c'])) show?": (
        "Qu’affiche print(len(['a', 'b', 'c'])) ?"
    ),
    "len counts the items: three.": "len compte les éléments : trois.",
    "Which of these are valid variable names?": (
        "Lesquels de ces noms de variables sont valides ?"
    ),
    "Names cannot start with a digit.": "Un nom ne peut pas commencer par un chiffre.",
    "Python runs the lines of a file from top to bottom.": (
        "Python exécute les lignes d’un fichier de haut en bas."
    ),
    "Which keyword starts a loop over a list?": (
        "Quel mot-clé commence une boucle sur une liste ?"
    ),
    "What is 7 / 2 in Python 3?": "Combien vaut 7 / 2 en Python 3 ?",
    "/ always gives a decimal.": "/ donne toujours un nombre décimal.",
    "Mini project: tidy a shopping list": (
        "Mini-projet : mettre de l’ordre dans une liste de courses"
    ),
    "Put it all together in a program you hand in.": (
        "Rassemblez tout dans un programme que vous rendez."
    ),
    "Tidy a shopping list": "Ranger une liste de courses",
    "Write <code>tidy.py</code>: it reads a list of items, removes duplicates "
    "regardless of case, sorts them and prints them numbered.": (
        "Écrivez <code>tidy.py</code> : il lit une liste d’articles, retire les "
        "doublons sans tenir compte de la casse, les trie et les affiche "
        "numérotés."
    ),
    "Hand in the .py file.": "Rendez le fichier .py.",
    "Add a comment that explains each step.": (
        "Ajoutez un commentaire qui explique chaque étape."
    ),
    "It works": "Ça fonctionne",
    "Duplicates removed, sorted, numbered.": "Doublons retirés, triés, numérotés.",
    "It reads well": "Ça se lit bien",
    "Clear names and comments.": "Des noms et des commentaires clairs.",
}
