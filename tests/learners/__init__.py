"""Tests of accounts, enrolment, the access policy, progress and the dashboard."""
