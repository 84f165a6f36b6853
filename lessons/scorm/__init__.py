"""SCORM 1.2 and 2004 packages: reading and checking an upload (`manifest`),
rolling SCO results up the activity tree (`rollup`), what a SCO's CMI data
says (`status`), extraction (`extract`) and the sandboxed player
(`player`)."""
