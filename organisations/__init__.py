"""Organisations: members, managers, seat licences and their reports."""
