"""Template tags shared by every part of the site."""
