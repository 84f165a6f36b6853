"""A course's community: its questions and answers."""
