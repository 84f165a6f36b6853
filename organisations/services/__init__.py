"""Business actions of organisations: people (`members`) and seats (`seats`)."""
