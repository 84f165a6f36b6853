"""The refusals of organisations."""

from home.errors import Refusal


class OrganisationError(Refusal):
    """A refusal while running an organisation."""


class NoSeatsLeft(OrganisationError):
    status_code = 409


class NotAMember(OrganisationError):
    status_code = 400


class InvitationInvalid(OrganisationError):
    status_code = 404
