"""Tests of the home page, money display and demo data."""
