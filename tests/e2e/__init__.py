"""Browser journeys through headless Chromium."""
