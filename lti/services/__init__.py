"""What the LTI views and tasks do: sign a platform's person in, open what
was launched, send results back, read the class list, pick content."""
