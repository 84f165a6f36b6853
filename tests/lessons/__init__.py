"""Tests of lesson pages, lesson blocks and H5P packages."""
