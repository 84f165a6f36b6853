"""Tests of the catalogue, course and section pages."""
