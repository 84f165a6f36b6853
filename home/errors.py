"""The one shape of a refusal a person can read, shared by every app's services."""


class Refusal(Exception):
    """A rule said no. `message` is safe to show; `status_code` is the HTTP
    status a view answers with (always a 4xx)."""

    status_code = 400

    def __init__(self, message):
        super().__init__(message)
        self.message = message
