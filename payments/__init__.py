"""Orders, gateways, webhooks and instructor earnings."""
