"""cmi5 courses: the course structure of an uploaded package, its model, the
task that extracts it and the files its assignable units are served from."""
