"""Everything a learner owns: enrolments, progress, attempts and certificates."""
