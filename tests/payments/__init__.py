"""Tests of orders, checkout and money arithmetic."""
