"""The demo AI tool: a practice tutor that stands in for an external tool
server. It reads the launch token with the tool's secret, checks answers on
its own server (the answers never reach the browser) and signs its result
with the same secret, as a real tool would."""
